import 'server-only';
import { sandboxOrigin } from '@/lib/http/origin';

/**
 * Notes Assistant's registration at the sandbox's authorization server: a
 * confidential web client (RFC 6749 §2.1) with demo credentials anyone may
 * read. The client knows the authorization server only by its issuer URL.
 */
export const PROVIDER_ID = 'sandbox';
export const CLIENT_ID = 'notes-assistant';
export const CLIENT_SECRET = 'notes-assistant-secret';

/** Where the client app lives, and where next-auth sends errors. */
export const CLIENT_HOME = '/client';
export const NOTES_PAGE = '/client/notes';
export const ERROR_PAGE = '/client/error';

/** The cookie that remembers which scope the sign-in asked for, for when the token response omits `scope` (RFC 6749 §5.1). */
export const SCOPE_ASKED_COOKIE = 'notes-assistant.scope-asked';

/** The client's own origin: NEXTAUTH_URL when set, as next-auth uses it, else the sandbox's origin (SANDBOX_ORIGIN or the Host). */
export function clientOrigin(request?: Request): string {
  return process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : sandboxOrigin(request);
}

/**
 * next-auth v4 finds its origin in NEXTAUTH_URL, or (with AUTH_TRUST_HOST) in
 * the request's Host. So that `npm run dev` and `next start` work without
 * either set: a configured SANDBOX_ORIGIN becomes NEXTAUTH_URL; with none,
 * next-auth takes the Host, as sandboxOrigin() does. Called lazily, per request.
 */
export function settleNextAuthOrigin(): void {
  if (process.env.NEXTAUTH_URL) return;
  if (process.env.SANDBOX_ORIGIN) process.env.NEXTAUTH_URL = new URL(process.env.SANDBOX_ORIGIN).origin;
  else process.env.AUTH_TRUST_HOST ??= 'true';
}

const issuerUrl = (origin: string) => `${origin}/as`;
/** OpenID Connect Discovery §4: the configuration is at the issuer plus `/.well-known/openid-configuration`. */
export const wellKnownUrl = (origin: string) => `${issuerUrl(origin)}/.well-known/openid-configuration`;
export const notesApiUrl = (origin: string) => `${origin}/rs/api/notes`;
export const redirectUri = (origin: string) => `${origin}/api/auth/callback/${PROVIDER_ID}`;
