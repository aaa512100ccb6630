import 'server-only';
import type { Db } from './db';

/**
 * The client app's server-side token store. Notes Assistant keeps the tokens
 * it received from the authorization server here, on the server; the
 * next-auth session cookie carries only this row's id. The browser never
 * holds an access token as the app's working credential.
 */
export interface ClientSessionRow {
  id: string;
  runId: string | null;
  sub: string;
  scopeRequested: string;
  scopeGranted: string;
  accessToken: string;
  refreshToken: string | null;
  idToken: string | null;
  idTokenClaims: Record<string, unknown>;
  userinfo: Record<string, unknown> | null;
  /** What the last action on the notes page led to, shown until the next one. */
  lastOutcome: unknown;
  createdAt: number;
  updatedAt: number;
}

interface Raw {
  id: string;
  run_id: string | null;
  sub: string;
  scope_requested: string;
  scope_granted: string;
  access_token: string;
  refresh_token: string | null;
  id_token: string | null;
  id_token_claims: string;
  userinfo: string | null;
  last_outcome: string | null;
  created_at: number;
  updated_at: number;
}

function toRow(r: Raw): ClientSessionRow {
  return {
    id: r.id,
    runId: r.run_id,
    sub: r.sub,
    scopeRequested: r.scope_requested,
    scopeGranted: r.scope_granted,
    accessToken: r.access_token,
    refreshToken: r.refresh_token,
    idToken: r.id_token,
    idTokenClaims: JSON.parse(r.id_token_claims) as Record<string, unknown>,
    userinfo: r.userinfo ? (JSON.parse(r.userinfo) as Record<string, unknown>) : null,
    lastOutcome: r.last_outcome ? (JSON.parse(r.last_outcome) as unknown) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

type NewClientSession = Omit<ClientSessionRow, 'lastOutcome' | 'createdAt' | 'updatedAt'>;

export function insertClientSession(db: Db, s: NewClientSession, nowMs: number): void {
  db.prepare(
    `INSERT INTO client_sessions (id, run_id, sub, scope_requested, scope_granted, access_token,
       refresh_token, id_token, id_token_claims, userinfo, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.id,
    s.runId,
    s.sub,
    s.scopeRequested,
    s.scopeGranted,
    s.accessToken,
    s.refreshToken,
    s.idToken,
    JSON.stringify(s.idTokenClaims),
    s.userinfo ? JSON.stringify(s.userinfo) : null,
    nowMs,
    nowMs,
  );
}

export function findClientSession(db: Db, id: string): ClientSessionRow | undefined {
  const r = db.prepare('SELECT * FROM client_sessions WHERE id = ?').get(id) as Raw | undefined;
  return r && toRow(r);
}

/**
 * Takes the right to spend the session's refresh token, in the store so that
 * no other request, in this process or another, spends it too (RFC 6749 §6:
 * after a rotation the old refresh token is discarded; spending it twice is
 * replay, RFC 9700 §4.14.2). A compare-and-swap: it succeeds only while the
 * stored refresh token is still `refreshToken` and no unexpired claim is held.
 * The claim lapses at `untilMs`, so a crashed holder blocks nobody for long.
 */
export function claimRefresh(db: Db, id: string, refreshToken: string, nowMs: number, untilMs: number): boolean {
  return (
    db
      .prepare(
        `UPDATE client_sessions SET refresh_claimed_until = ?
         WHERE id = ? AND refresh_token = ? AND (refresh_claimed_until IS NULL OR refresh_claimed_until <= ?)`,
      )
      .run(untilMs, id, refreshToken, nowMs).changes === 1
  );
}

/**
 * Stores the tokens of a refresh and ends the claim, only if the session still
 * holds the refresh token that was spent (compare-and-swap): false means the
 * session was replaced or ended meanwhile, and nothing was written.
 */
export function completeRefresh(
  db: Db,
  id: string,
  spentRefreshToken: string,
  t: { accessToken: string; refreshToken?: string; idToken?: string; scopeGranted?: string },
  nowMs: number,
): boolean {
  return (
    db
      .prepare(
        `UPDATE client_sessions SET access_token = ?,
           refresh_token = COALESCE(?, refresh_token), id_token = COALESCE(?, id_token),
           scope_granted = COALESCE(?, scope_granted), refresh_claimed_until = NULL, updated_at = ?
         WHERE id = ? AND refresh_token = ?`,
      )
      .run(t.accessToken, t.refreshToken ?? null, t.idToken ?? null, t.scopeGranted ?? null, nowMs, id, spentRefreshToken)
      .changes === 1
  );
}

/** Gives up a claim after a failed refresh, so the next request may try (or find the grant gone). */
export function releaseRefreshClaim(db: Db, id: string): void {
  db.prepare('UPDATE client_sessions SET refresh_claimed_until = NULL WHERE id = ?').run(id);
}

export function saveLastOutcome(db: Db, id: string, outcome: unknown, nowMs: number): void {
  db.prepare('UPDATE client_sessions SET last_outcome = ?, updated_at = ? WHERE id = ?').run(
    outcome === null ? null : JSON.stringify(outcome),
    nowMs,
    id,
  );
}

export function deleteClientSession(db: Db, id: string): void {
  db.prepare('DELETE FROM client_sessions WHERE id = ?').run(id);
}
