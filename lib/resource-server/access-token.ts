import type { OAuthError } from '@/lib/oauth/errors';
import type { Check } from '@/lib/timeline/events';

/**
 * What the resource server learned from a valid access token, whichever way
 * it was verified: only the fields it trusts (RFC 7662 §2.2, RFC 9068 §2.2).
 */
export interface AccessTokenPrincipal {
  /** The user, or for client_credentials the client itself (RFC 9068 §2.2). */
  sub: string;
  clientId: string;
  scopes: string[];
  audience: string[];
  exp: number;
  /** The sandbox run the token belongs to (private claim `sandbox_run`). */
  runId?: string;
  /** How the token was verified. */
  via: 'local' | 'introspection';
}

export type TokenVerdict =
  | { ok: true; principal: AccessTokenPrincipal; checks: Check[] }
  /** `error` is invalid_token (401), or temporarily_unavailable (503) when the authorization server could not be reached. */
  | { ok: false; error: OAuthError; checks: Check[] };

export const passed = (name: string, reason: string): Check => ({ name, passed: true, reason });
export const failed = (name: string, reason: string): Check => ({ name, passed: false, reason });

/** RFC 6749 §3.3 scope string to a list; anything but a string is no scope. */
export function scopeList(scope: unknown): string[] {
  return typeof scope === 'string' ? [...new Set(scope.split(' ').filter((s) => s !== ''))] : [];
}

export function audienceList(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}

/** A token is a JWT candidate when it has the compact JWS shape; opaque tokens are always introspected. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(token);
}
