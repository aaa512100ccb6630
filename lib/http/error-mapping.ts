import 'server-only';
import { NO_STORE } from './cache-control';
import { isOAuthError, toOAuthError, type OAuthError } from '@/lib/oauth/errors';

/**
 * Turns whatever a handler threw into the endpoint's error answer: an
 * OAuthError as it is, anything else as server_error (logged, never shown:
 * no stack trace reaches the wire). Should the endpoint's own error answer
 * fail too, a bare server_error (RFC 6749 §5.2).
 */
export async function answerThrown(
  thrown: unknown,
  where: { method: string; path: string },
  onError: (err: OAuthError) => Response | Promise<Response>,
): Promise<Response> {
  if (!isOAuthError(thrown)) console.error('unexpected error in', where.method, where.path, thrown);
  try {
    return await onError(toOAuthError(thrown));
  } catch (e) {
    console.error('error while answering an error', e);
    return new Response('{"error":"server_error"}', { status: 500, headers: { 'Content-Type': 'application/json', ...NO_STORE } });
  }
}
