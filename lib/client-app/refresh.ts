import 'server-only';
import type { Db } from '@/lib/store/db';
import type { WallClock } from '@/lib/runs/clock';
import { claimRefresh, completeRefresh, findClientSession, releaseRefreshClaim, type ClientSessionRow } from '@/lib/store/client-sessions';
import { refreshTokens, type RefreshResult } from './authorization-server';
import { recordClientEvents, tokenViews } from './record';

/**
 * The client's refresh (RFC 6749 §6), single-flight per session.
 *
 * The authorization server rotates refresh tokens and treats a second use of
 * an old one as theft: it revokes the whole grant (RFC 9700 §4.14.2). So the
 * client MUST discard the old refresh token once a new one is issued, and two
 * page loads that read the session before the refresh must never both spend it.
 *
 * - In this process, concurrent callers for one session share one refresh.
 * - Across processes, the store's claim (`claimRefresh`, a compare-and-swap
 *   on the refresh token) lets one request spend the token; the others wait
 *   for the stored tokens to change, then use them.
 * - Every caller says which access token it found refused; if the stored one
 *   is already another, someone refreshed since it read the session, and it
 *   uses the stored tokens without spending anything.
 */

export interface RefreshDeps {
  db: Db;
  origin: string;
  runId?: string | null;
  /** The client's wall clock (ms): the claim's lease and the waits use it. */
  wall: WallClock;
  /** How long a claim holds before another request may take over (ms). */
  claimMs?: number;
  /** How often a waiter looks at the store while another process refreshes (ms). */
  pollMs?: number;
}

type SessionRefresh =
  /** `session`: the tokens to use now, as stored after the refresh. `spent`: this call spent the refresh token (and recorded it). */
  | { ok: true; session: ClientSessionRow; spent: boolean; rotated: boolean }
  | { ok: false; error: string; description?: string };

const inFlight = new Map<string, Promise<SessionRefresh>>();

const CLAIM_MS = 15_000;
const POLL_MS = 25;

/**
 * Makes the session's tokens usable after `refusedAccessToken` was refused,
 * refreshing at most once per rotation. Callers then use `session` as returned,
 * never the row they read before.
 */
export async function refreshSession(deps: RefreshDeps, sessionId: string, refusedAccessToken: string): Promise<SessionRefresh> {
  for (;;) {
    const running = inFlight.get(sessionId);
    if (!running) break;
    // Someone in this process is refreshing: wait for it, then decide again from what it stored.
    await running.catch(() => undefined);
  }
  const stored = findClientSession(deps.db, sessionId);
  if (stored && stored.accessToken !== refusedAccessToken) return { ok: true, session: stored, spent: false, rotated: false };
  const flight = refreshOnce(deps, sessionId, refusedAccessToken);
  inFlight.set(sessionId, flight);
  try {
    return await flight;
  } finally {
    if (inFlight.get(sessionId) === flight) inFlight.delete(sessionId);
  }
}

async function refreshOnce(deps: RefreshDeps, sessionId: string, refusedAccessToken: string): Promise<SessionRefresh> {
  const now = deps.wall;
  const claimMs = deps.claimMs ?? CLAIM_MS;
  const deadline = now() + claimMs * 2;
  let session: ClientSessionRow | undefined;
  for (;;) {
    session = findClientSession(deps.db, sessionId);
    if (!session) return { ok: false, error: 'signed out', description: 'the session ended while the access token was refreshed' };
    if (session.accessToken !== refusedAccessToken) return { ok: true, session, spent: false, rotated: false };
    if (!session.refreshToken) return { ok: false, error: 'no refresh token', description: 'offline_access was not granted' };
    if (claimRefresh(deps.db, sessionId, session.refreshToken, now(), now() + claimMs)) break;
    // Another process holds the claim: wait for its tokens (or for its claim to lapse).
    if (now() > deadline) return { ok: false, error: 'refresh timed out', description: 'another request held the refresh too long' };
    await new Promise((r) => setTimeout(r, deps.pollMs ?? POLL_MS));
  }

  const spentRefreshToken = session.refreshToken;
  const r: RefreshResult = await refreshTokens(deps.origin, spentRefreshToken);
  let outcome: SessionRefresh;
  if (r.ok) {
    const t = r.tokens;
    const stored = completeRefresh(
      deps.db,
      sessionId,
      spentRefreshToken,
      {
        accessToken: t.access_token,
        refreshToken: t.refresh_token,
        idToken: t.id_token,
        scopeGranted: t.scope,
      },
      now(),
    );
    const after = findClientSession(deps.db, sessionId);
    outcome =
      stored && after
        ? { ok: true, session: after, spent: true, rotated: Boolean(t.refresh_token) }
        : { ok: false, error: 'signed out', description: 'the session ended while the access token was refreshed' };
  } else {
    releaseRefreshClaim(deps.db, sessionId);
    outcome = { ok: false, error: r.error, ...(r.description ? { description: r.description } : {}) };
  }
  recordClientEvents(deps.runId, [
    {
      from: 'client',
      to: 'auth-server',
      type: 'client.token_refreshed',
      summary: r.ok
        ? `Notes Assistant refreshed its access token${r.tokens.refresh_token ? ' (the refresh token was rotated: the old one is discarded)' : ''}`
        : `Notes Assistant could not refresh its access token: ${r.error}`,
      outcome: r.ok ? 'ok' : 'denied',
      ...(r.wire ? { http: r.wire } : {}),
      ...(r.ok ? { tokens: tokenViews(r.tokens) } : {}),
      data: r.ok ? { scope: r.tokens.scope, rotated: Boolean(r.tokens.refresh_token) } : { error: r.error, error_description: r.description },
    },
  ]);
  return outcome;
}
