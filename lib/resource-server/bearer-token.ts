import { isCredentialsList } from '@/lib/oauth/authorization-header';
import { invalidRequest } from '@/lib/oauth/errors';

/** Where a request may carry a bearer token (RFC 6750 §2), as the route read them. */
export interface BearerSources {
  /**
   * The `Authorization` header, or null. Several headers arrive joined by
   * ", " (the server runs with `joinDuplicateHeaders`), and are refused.
   */
  authorization: string | null;
  /** The query string: `access_token` here is refused (RFC 6750 §2.3, §5.3; RFC 9700 §2.5). */
  query: URLSearchParams;
  /** A form-encoded body, when the request has one (RFC 6750 §2.2); this API does not accept it. */
  form?: URLSearchParams;
}

type BearerExtraction =
  | { token: string; where: 'header' }
  /** No credentials at all, or another scheme: RFC 6750 §3 says answer without an error code. */
  | { token: null; reason: string };

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token (the scheme is case-insensitive, RFC 9110 §11.1)
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const SCHEME = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)(?: |$)/;

/**
 * Finds the access token in a request, the only way this resource server
 * accepts it: the `Authorization: Bearer` header (RFC 6750 §2.1,
 * `bearer_methods_supported: ["header"]` in its metadata).
 *
 * - two `Authorization` headers, which reach the app joined into one value
 *   (`Bearer a, Bearer a`, `Bearer a, garbage`, `Basic x, Bearer a`), are
 *   `invalid_request` (§3.1: more than one method), whatever the schemes;
 * - a token in the query string (§2.3) or a form body (§2.2) is
 *   `invalid_request`, and so is a token in more than one place (§3.1);
 * - a malformed Bearer header (`Bearer`, `Bearer a b`) is `invalid_request` (§3.1);
 * - no header, or a header with another scheme, is "no token" (§3: no error code).
 *
 * Does not check the token itself; records no events (the decision does).
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2
 */
export function extractBearerToken(src: BearerSources): BearerExtraction {
  const inQuery = src.query.has('access_token');
  const inForm = src.form?.has('access_token') ?? false;
  const header = src.authorization?.trim() ?? '';
  if (isCredentialsList(header))
    throw invalidRequest('the request has more than one Authorization header (or a list of credentials); send exactly one: Bearer and the token');
  const scheme = SCHEME.exec(header)?.[1];
  const bearerHeader = scheme !== undefined && scheme.toLowerCase() === 'bearer';

  const places = [bearerHeader && 'the Authorization header', inQuery && 'the query string', inForm && 'the form body'].filter(
    (p): p is string => typeof p === 'string',
  );
  if (places.length > 1) throw invalidRequest(`the access token was sent in more than one place (${places.join(', ')})`);
  if (inQuery) throw invalidRequest('an access token in the query string is not accepted; send it in the Authorization header');
  if (inForm) throw invalidRequest('an access token in the form body is not accepted; send it in the Authorization header');

  if (header === '') return { token: null, reason: 'the request has no Authorization header' };
  if (!bearerHeader) return { token: null, reason: `the Authorization header uses the ${scheme ?? 'unknown'} scheme, not Bearer` };
  const m = BEARER.exec(header);
  if (!m) throw invalidRequest('the Authorization header must be Bearer, a space and one token (RFC 6750 section 2.1)');
  return { token: m[1]!, where: 'header' };
}
