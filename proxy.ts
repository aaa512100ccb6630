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

export const config = {
  // Pages and the sandbox's own API; not static files, not the protocol endpoints.
  matcher: ['/', '/timeline/:path*', '/scenarios/:path*', '/client/:path*', '/as/authorize/:path*', '/as/authorize', '/api/runs/:path*'],
};
