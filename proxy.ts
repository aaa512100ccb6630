import { NextResponse, type NextRequest } from 'next/server';
import { RUN_HEADER, RUN_KEY_COOKIE, RUN_KEY_HEADER, isRunKey, newRunKey } from '@/lib/runs/run-id';

/**
 * Gives every visitor a run on their first page load: its run key (the run
 * id is derived from it) in an httpOnly, SameSite=Lax cookie. The run's row
 * is created when it is first used. Protocol endpoints are left alone, and so
 * are outside tools that name their run (X-Sandbox-Run) or carry its key
 * (X-Sandbox-Run-Key): back-channel calls find the run through the code or
 * token they carry.
 */
export function proxy(request: NextRequest) {
  // The Notes API: a %-escape Next cannot decode in a path segment would otherwise be a 500 (resource server issue: never a 500).
  if (request.nextUrl.pathname.startsWith('/rs/')) return undecodablePath(request.nextUrl.pathname) ?? NextResponse.next();
  const existing = request.cookies.get(RUN_KEY_COOKIE)?.value;
  if (isRunKey(existing) || request.headers.has(RUN_HEADER) || request.headers.has(RUN_KEY_HEADER)) return NextResponse.next();
  const key = newRunKey();
  const headers = new Headers(request.headers);
  const cookie = headers.get('cookie');
  headers.set('cookie', `${cookie ? `${cookie}; ` : ''}${RUN_KEY_COOKIE}=${key}`);
  const response = NextResponse.next({ request: { headers } });
  response.cookies.set(RUN_KEY_COOKIE, key, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 7 * 24 * 3600 });
  return response;
}

function undecodablePath(pathname: string): Response | undefined {
  try {
    pathname.split('/').forEach((segment) => decodeURIComponent(segment));
    return undefined;
  } catch {
    const problem = { type: 'about:blank', title: 'Bad request', status: 400, detail: 'The path is not properly percent-encoded.' };
    return new Response(JSON.stringify(problem), { status: 400, headers: { 'Content-Type': 'application/problem+json' } });
  }
}

export const config = {
  // Pages and the sandbox's own API (not POST /api/runs, which makes its run and key itself: a cookie
  // minted there was never used); not static files, not the protocol endpoints. Of the Notes API
  // only its page and a path with a %-escape (the one that may not decode): the proxy cost every
  // resource request a good share of its time for nothing.
  matcher: ['/', '/register', '/timeline/:path*', '/scenarios/:path*', '/attacks', '/client/:path*', '/agent', '/as', '/as/authorize/:path*', '/as/authorize', '/api/runs/:path+', '/rs', '/rs/(.*%.*)'],
};
