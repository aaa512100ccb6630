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

/** The client's own origin: NEXTAUTH_URL (set by scripts/server.mjs), as next-auth uses it. */
export function clientOrigin(request?: Request): string {
  return process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : sandboxOrigin(request);
}

export const issuerUrl = (origin: string) => `${origin}/as`;
/** OpenID Connect Discovery §4: the configuration is at the issuer plus `/.well-known/openid-configuration`. */
export const wellKnownUrl = (origin: string) => `${issuerUrl(origin)}/.well-known/openid-configuration`;
export const notesApiUrl = (origin: string) => `${origin}/rs/api/notes`;
export const redirectUri = (origin: string) => `${origin}/api/auth/callback/${PROVIDER_ID}`;
