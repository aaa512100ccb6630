import { authServerDeps } from '@/lib/auth-server/deps';
import { AS_SESSION_COOKIE } from '@/lib/auth-server/sessions';
import { signOutAtAuthorizationServer } from '@/lib/auth-server/sign-out';
import { handleRoute } from '@/lib/http/handle-route';
import { problemResponse } from '@/lib/http/problem';
import { frontChannelError, readCookie } from '../../_components/authorize-http';
import { redirectResponse } from '@/lib/oauth/authorization-response';

export const dynamic = 'force-dynamic';

/**
 * The authorization server's sign-out button posts here: the `as_session`
 * sign-in is forgotten and its cookie cleared, then back to /as. Only a form
 * of this origin may sign the browser out (a cross-site form would be a
 * logout CSRF).
 */
export function POST(request: Request) {
  return handleRoute(request, { onError: frontChannelError }, async (x) => {
    const origin = request.headers.get('origin');
    if (origin !== null && origin !== x.origin) return problemResponse(403, 'Forbidden', 'Only the authorization server’s own page may sign you out.');
    const { signedOut } = signOutAtAuthorizationServer(
      { sessionToken: readCookie(request, AS_SESSION_COOKIE), runId: x.requestRunId },
      authServerDeps(x),
    );
    const headers = new Headers({ 'Set-Cookie': `${AS_SESSION_COOKIE}=; Path=/as; HttpOnly; SameSite=Lax; Max-Age=0` });
    return redirectResponse(`/as?signed_out=${encodeURIComponent(signedOut ?? '')}`, headers);
  });
}
