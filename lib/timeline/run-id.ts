/**
 * A run is one visitor's sandbox, named by an unguessable id that travels in
 * an httpOnly cookie (browsers) or the X-Sandbox-Run header (outside clients
 * such as curl or a test suite).
 */
export const RUN_COOKIE = 'sandbox_run';
export const RUN_HEADER = 'x-sandbox-run';

const RUN_ID = /^[A-Za-z0-9_-]{22,64}$/;

export function isRunId(value: string | undefined | null): value is string {
  return typeof value === 'string' && RUN_ID.test(value);
}

/** 144 random bits, base64url. Works in the proxy and in route handlers alike. */
export function newRunId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** The run a request names: the X-Sandbox-Run header first, then the run cookie. */
export function runIdFromRequest(request: Request): string | undefined {
  const header = request.headers.get(RUN_HEADER);
  if (isRunId(header)) return header;
  const cookie = cookieValue(request.headers.get('cookie'), RUN_COOKIE);
  return isRunId(cookie) ? cookie : undefined;
}

export { cookieValue };
