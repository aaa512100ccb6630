import 'server-only';
import { NO_STORE_PRAGMA } from '@/lib/http/cache-control';
import type { RouteContext } from '@/lib/http/handle-route';
import { jsonResponse } from '@/lib/http/json-response';
import { invalidRequest } from '@/lib/oauth/errors';
import { isFormContentType, Params } from '@/lib/oauth/params';
import type { ClientCredentialsInput } from './client-authentication';

/**
 * Reads a back-channel POST (token, introspection, revocation endpoints):
 * the body must be `application/x-www-form-urlencoded`, with or without a
 * charset (RFC 6749 §3.2; oauth4webapi sends `;charset=UTF-8`), at most
 * 64 KiB. Anything else is invalid_request.
 */
export async function readFormRequest(x: RouteContext): Promise<ClientCredentialsInput> {
  if (!isFormContentType(x.request.headers.get('content-type'))) {
    throw invalidRequest('the body must be application/x-www-form-urlencoded');
  }
  const form = Params.fromForm(await x.bodyText());
  return { authorization: x.request.headers.get('authorization'), form, query: x.url.searchParams };
}

/** A JSON answer of a back-channel endpoint; never cached (RFC 6749 §5.1, RFC 7662 §2.2). */
export function noStoreJson(body: unknown, status = 200): Response {
  return jsonResponse(body, { status, cache: NO_STORE_PRAGMA });
}
