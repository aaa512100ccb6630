import { OAuthError } from './errors';

/** RFC 6749 §5.1: token endpoint answers are never cached. */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/**
 * RFC 6749 §5.2: a JSON error body with `error` and `error_description`,
 * `Cache-Control: no-store`; a failed HTTP Basic authentication answers 401
 * with a `WWW-Authenticate: Basic` challenge.
 */
export function jsonErrorResponse(err: OAuthError, realm = 'as'): Response {
  const headers: Record<string, string> = { ...NO_STORE, 'Content-Type': 'application/json' };
  let status = err.status;
  if (err.basicChallenge) {
    status = 401;
    headers['WWW-Authenticate'] = `Basic realm="${realm}", charset="UTF-8"`;
  }
  return new Response(JSON.stringify({ error: err.code, error_description: err.description }), { status, headers });
}

/**
 * RFC 6750 §3: the Bearer challenge. With no error (no credentials at all)
 * the header carries only the realm and the resource metadata URL (RFC 9728 §5.1).
 */
export function bearerChallenge(params: {
  realm: string;
  resourceMetadata?: string;
  error?: OAuthError;
}): string {
  const parts = [`realm="${params.realm}"`];
  if (params.error) {
    parts.push(`error="${params.error.code}"`);
    parts.push(`error_description="${params.error.description}"`);
    if (params.error.scope) parts.push(`scope="${params.error.scope}"`);
  }
  if (params.resourceMetadata) parts.push(`resource_metadata="${params.resourceMetadata}"`);
  return `Bearer ${parts.join(', ')}`;
}
