import 'server-only';
import type { AuthServerDeps } from './deps';
import { randomToken, tokenHash } from './token-hash';
import { findSession, insertSession, type SessionRow } from '@/lib/store/sessions';

/** The authorization server's sign-in cookie: httpOnly, only sent to /as, stored hashed. */
export const AS_SESSION_COOKIE = 'as_session';
/** How long a sign-in at the authorization server lasts, seconds (run clock). */
const SESSION_TTL = 8 * 60 * 60;

export function sessionCookieHeader(token: string): string {
  return `${AS_SESSION_COOKIE}=${token}; Path=/as; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL}`;
}

/**
 * Signs `userId` in at the authorization server for one run: a new random
 * session id for the cookie, stored by its hash. Records nothing (the
 * caller records `user.signed_in`).
 */
export function createSession(runId: string, userId: string, deps: Pick<AuthServerDeps, 'db' | 'openRun'>): { token: string; session: SessionRow } {
  const now = deps.openRun(runId).clock();
  const token = randomToken();
  const session: SessionRow = { idHash: tokenHash(token), runId, userId, authTime: now, expiresAt: now + SESSION_TTL };
  insertSession(deps.db, session);
  return { token, session };
}

/** The session the cookie names, if it belongs to this run and has not expired. */
export function currentSession(
  token: string | undefined,
  runId: string,
  deps: Pick<AuthServerDeps, 'db' | 'openRun'>,
): SessionRow | undefined {
  if (!token) return undefined;
  const session = findSession(deps.db, tokenHash(token));
  if (!session || session.runId !== runId) return undefined;
  return session.expiresAt > deps.openRun(runId).clock() ? session : undefined;
}
