import { NO_STORE } from './cache-control';

/**
 * A JSON answer, never stored unless `cache` says otherwise (see
 * cache-control.ts). `headers` adds to it (Set-Cookie, Location, ...).
 */
export function jsonResponse(
  body: unknown,
  options: { status?: number; headers?: Record<string, string>; cache?: Readonly<Record<string, string>> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: options.status ?? 200,
    headers: { 'Content-Type': 'application/json', ...(options.cache ?? NO_STORE), ...options.headers },
  });
}
