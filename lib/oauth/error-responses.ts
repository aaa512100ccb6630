import { NO_STORE, NO_STORE_PRAGMA } from '@/lib/http/cache-control';
import { jsonResponse } from '@/lib/http/json-response';
import type { OAuthError } from './errors';

/**
 * How an OAuthError goes on the wire: one serializer per kind of answer, as
 * node-oidc-provider's lib/shared/error_handler.js picks one by endpoint.
 * Each is written once:
 *
 * - the OAuth JSON error (RFC 6749 §5.2): `jsonErrorResponse`, here;
 * - the Bearer challenge (RFC 6750 §3): `bearerErrorResponse`, here;
 * - the authorization error redirect (RFC 6749 §4.1.2.1): `errorResponseUrl`
 *   and `redirectResponse`, lib/oauth/authorization-response.ts;
 * - the HTML error page (errors that must not be redirected):
 *   `errorPageResponse`, app/(auth-server)/_components/error-page.ts;
 * - the problem document (RFC 9457, the Notes API's and the sandbox's own
 *   errors): `problemResponse`, lib/http/problem.ts.
 */

/** RFC 6749 §5.2: the error's members. Nothing else of the error (its `cause`, a stack) reaches the wire. */
const oauthErrorBody = (err: OAuthError) => ({ error: err.code, error_description: err.description });

/**
 * RFC 6749 §5.2: a JSON error body with `error` and `error_description`,
 * never cached (§5.1); a failed HTTP Basic authentication answers 401 with a
 * `WWW-Authenticate: Basic` challenge.
 */
export function jsonErrorResponse(err: OAuthError, realm = 'as'): Response {
  if (err.basicChallenge)
    return jsonResponse(oauthErrorBody(err), { status: 401, cache: NO_STORE_PRAGMA, headers: { 'WWW-Authenticate': `Basic realm="${realm}", charset="UTF-8"` } });
  return jsonResponse(oauthErrorBody(err), { status: err.status, cache: NO_STORE_PRAGMA });
}

/** RFC 9110 §15.5.6: 405 with Allow; the body is an RFC 6749 §5.2-shaped JSON error. */
export function methodNotAllowed(allow: string): Response {
  return jsonResponse({ error: 'invalid_request', error_description: `this endpoint accepts ${allow} only` }, { status: 405, headers: { Allow: allow } });
}

/**
 * RFC 6750 §3: the Bearer challenge. With no error (no credentials at all)
 * the header carries only the realm and the resource metadata URL (RFC 9728 §5.1).
 */
export function bearerChallenge(params: { realm: string; resourceMetadata?: string; error?: OAuthError }): string {
  const parts = [`realm="${params.realm}"`];
  if (params.error) {
    parts.push(`error="${params.error.code}"`);
    parts.push(`error_description="${params.error.description}"`);
    if (params.error.scope) parts.push(`scope="${params.error.scope}"`);
  }
  if (params.resourceMetadata) parts.push(`resource_metadata="${params.resourceMetadata}"`);
  return `Bearer ${parts.join(', ')}`;
}

/**
 * RFC 6750 §3: an error of a protected resource (the Notes API, UserInfo)
 * as a Bearer challenge, with the same code in a JSON body. `error`
 * undefined: the request had no credentials, 401 with a challenge without an
 * error code (§3.1), and a body only when `noTokenBody` gives one. A server
 * error (5xx) is not a challenge: no WWW-Authenticate.
 */
export function bearerErrorResponse(
  error: OAuthError | undefined,
  o: { realm: string; resourceMetadata?: string; noTokenBody?: OAuthError },
): Response {
  const headers: Record<string, string> = {};
  if (!error || error.status < 500)
    headers['WWW-Authenticate'] = bearerChallenge({ realm: o.realm, resourceMetadata: o.resourceMetadata, ...(error ? { error } : {}) });
  const bodyError = error ?? o.noTokenBody;
  if (!bodyError) return new Response(null, { status: 401, headers: { ...NO_STORE, ...headers } });
  return jsonResponse(oauthErrorBody(bodyError), { status: error?.status ?? 401, headers });
}
