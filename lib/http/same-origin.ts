import { problemResponse } from './problem';
import { sandboxOrigin } from './origin';

/**
 * Cross-site request forgery: the sandbox's own state-changing routes (run
 * settings, reset, revoke, import, key rotation) accept a browser's request
 * only from the sandbox's own origin. A page on another port of localhost is
 * the same site but not the same origin, so SameSite=Lax cookies alone do not
 * stop it. A browser says where a request comes from (`Sec-Fetch-Site`,
 * `Origin`); outside tools such as curl send neither, and they carry the run
 * key themselves. The body must be what the route reads: JSON, or nothing,
 * never a form type that a cross-origin HTML form can send without CORS.
 *
 * @see https://fetch.spec.whatwg.org/#sec-fetch-site-header
 * @see https://www.rfc-editor.org/rfc/rfc6454#section-7
 */
export function refuseCrossOrigin(request: Request, body: 'json' | 'none'): Response | undefined {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin')
    return problemResponse(403, 'Cross-origin request refused', `This request came from another origin (Sec-Fetch-Site: ${site}); the sandbox's controls accept requests from its own pages only.`, { field: 'Sec-Fetch-Site' });
  const origin = request.headers.get('origin');
  if (origin !== null && !ownOrigins(request).includes(origin))
    return problemResponse(403, 'Cross-origin request refused', `This request came from ${origin}; the sandbox's controls accept requests from its own origin only.`, { field: 'Origin' });
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (body === 'json' && type !== 'application/json')
    return problemResponse(415, 'JSON required', `The body must be application/json, not ${type || 'a body without a Content-Type'}.`, { field: 'Content-Type' });
  if (body === 'none' && (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data' || type === 'text/plain'))
    return problemResponse(415, 'No body expected', `This route takes no body; ${type} is the type of a form post and is refused.`, { field: 'Content-Type' });
  return undefined;
}

/** The origins the sandbox answers on: the configured one and the one the request's Host names. */
function ownOrigins(request: Request): string[] {
  const url = new URL(request.url);
  const host = request.headers.get('host');
  return [sandboxOrigin(request), url.origin, ...(host ? [`${url.protocol}//${host}`] : [])];
}
