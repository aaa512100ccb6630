import { NO_STORE, setCachePolicy } from '@/lib/http/cache-control';

/**
 * The authorization response (RFC 6749 §4.1.2, §4.1.2.1): the URL the
 * authorization server sends the browser back to. Parameters are added to
 * the redirect URI's query; a query already in the registered URI is kept
 * as it is (§3.1.2). `state` is echoed only when the client sent one (A12:
 * oauth4webapi rejects an unexpected `state`), and `iss` is on every
 * response, errors included (RFC 9207 §2).
 */

interface SuccessResponseParams {
  code: string;
  state?: string;
  /** The issuer identifier, exactly as in the metadata (RFC 9207 §2). */
  iss: string;
}

interface ErrorResponseParams {
  error: string;
  error_description?: string;
  state?: string;
  iss: string;
}

/** Appends `params` (in order, undefined values left out) to `redirectUri`'s query, keeping what is there. */
export function withQueryParams(redirectUri: string, params: [string, string | undefined][]): string {
  const query = new URLSearchParams();
  for (const [k, v] of params) if (v !== undefined) query.append(k, v);
  const added = query.toString();
  if (!added) return redirectUri;
  const sep = !redirectUri.includes('?') ? '?' : redirectUri.endsWith('?') || redirectUri.endsWith('&') ? '' : '&';
  return `${redirectUri}${sep}${added}`;
}

/** RFC 6749 §4.1.2: `code`, `state` if sent; RFC 9207 §2: `iss`. */
export function successResponseUrl(redirectUri: string, p: SuccessResponseParams): string {
  return withQueryParams(redirectUri, [
    ['code', p.code],
    ['state', p.state],
    ['iss', p.iss],
  ]);
}

/** RFC 6749 §4.1.2.1: `error`, `error_description`, `state` if sent; RFC 9207 §2: `iss`. */
export function errorResponseUrl(redirectUri: string, p: ErrorResponseParams): string {
  return withQueryParams(redirectUri, [
    ['error', p.error],
    ['error_description', p.error_description],
    ['state', p.state],
    ['iss', p.iss],
  ]);
}

/**
 * The redirect itself: 303 See Other, so that a browser that POSTed a
 * consent form follows with a GET (RFC 9700 §4.11: 307 would re-post the
 * form, credentials included, to the client). Never cached.
 */
export function redirectResponse(location: string, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set('Location', location);
  return new Response(null, { status: 303, headers: setCachePolicy(h, NO_STORE) });
}
