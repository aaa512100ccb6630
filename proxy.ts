import { NextResponse, type NextRequest } from 'next/server';
import { RUN_COOKIE, isRunId, newRunId } from '@/lib/timeline/run-id';

/**
 * Gives every visitor a run on their first page load: an unguessable id in
 * an httpOnly, SameSite=Lax cookie. The run's row is created when it is
 * first used. Protocol endpoints are left alone: outside clients name their
 * run with the X-Sandbox-Run header, and back-channel calls find the run
 * through the code or token they carry.
 */
export function proxy(request: NextRequest) {
  // The Notes API: a %-escape Next cannot decode in a path segment would otherwise be a 500 (resource server issue: never a 500).
  if (request.nextUrl.pathname.startsWith('/rs/')) return undecodablePath(request.nextUrl.pathname) ?? NextResponse.next();
  const existing = request.cookies.get(RUN_COOKIE)?.value;
  if (isRunId(existing)) return NextResponse.next();
  const id = newRunId();
  const headers = new Headers(request.headers);
  const cookie = headers.get('cookie');
  headers.set('cookie', `${cookie ? `${cookie}; ` : ''}${RUN_COOKIE}=${id}`);
  const response = NextResponse.next({ request: { headers } });
  response.cookies.set(RUN_COOKIE, id, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 7 * 24 * 3600 });
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
  // Pages and the sandbox's own API; not static files, not the protocol endpoints.
  matcher: ['/', '/timeline/:path*', '/scenarios/:path*', '/client/:path*', '/as/authorize/:path*', '/as/authorize', '/api/runs/:path*', '/rs/:path*'],
};
