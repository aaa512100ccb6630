import { NO_STORE } from './cache-control';
import { textResponse } from './json-response';

/**
 * RFC 9457: an `application/problem+json` answer with type, title, status,
 * detail and extension members, never cached. The Notes API and the
 * sandbox's own API answer their non-OAuth errors this way.
 */
export function problemResponse(status: number, title: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return textResponse(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }), {
    status,
    headers: { ...NO_STORE, 'Content-Type': 'application/problem+json', ...headers },
  });
}

/**
 * The sandbox API's answer to an unexpected condition: RFC 9457 problem, 500,
 * with no internals (the original error goes to the server's log only). The
 * one `onError` of every route that answers problems.
 */
export function serverErrorProblem(): Response {
  return problemResponse(500, 'Server error', 'The sandbox met an unexpected condition.');
}
