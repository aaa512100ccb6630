import 'server-only';
import { deleteSession } from '@/lib/store/sessions';
import type { AuthServerDeps } from './deps';
import { currentSession } from './sessions';
import { tokenHash } from './token-hash';

/**
 * The authorization server's own sign-out: forgets the sign-in its
 * `as_session` cookie names, so the next authorization request asks who is
 * there again. Tokens already issued are untouched (revocation is RFC 7009's
 * business, not the session's). The caller clears the cookie.
 *
 * Records `user.signed_out` when a live session of this run ended.
 * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html (the RP-initiated form is not offered)
 */
export function signOutAtAuthorizationServer(
  input: { sessionToken: string | undefined; runId: string | undefined },
  deps: Pick<AuthServerDeps, 'db' | 'openRun' | 'recorder'>,
): { signedOut?: string } {
  if (!input.sessionToken) return {};
  const session = input.runId ? currentSession(input.sessionToken, input.runId, deps) : undefined;
  // Whatever the cookie names is forgotten, even a stale or foreign session: signing out never fails.
  deleteSession(deps.db, tokenHash(input.sessionToken));
  if (!session) return {};
  deps.recorder.useRun(session.runId);
  deps.recorder.record({
    from: 'browser',
    to: 'auth-server',
    type: 'user.signed_out',
    summary: `${session.userId} signed out of the authorization server (tokens already issued stay valid)`,
    outcome: 'ok',
    data: { user: session.userId },
  });
  return { signedOut: session.userId };
}
