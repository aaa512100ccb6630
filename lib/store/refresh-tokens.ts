import 'server-only';
import type { Db } from './db';

/**
 * Refresh tokens, stored by hash. Each use rotates the token (RFC 9700
 * §4.14.2): the old row is marked `rotated_at`, and presenting a rotated
 * token again is a replay that revokes the whole grant.
 */
export interface RefreshTokenRow {
  tokenHash: string;
  grantId: string;
  runId: string;
  clientId: string;
  /** The scope of the grant the token carries (RFC 6749 §6: a new refresh token keeps it). */
  scope: string;
  issuedAt: number;
  expiresAt: number;
  rotatedAt: number | null;
  revokedAt: number | null;
}

interface Raw {
  token_hash: string;
  grant_id: string;
  run_id: string;
  client_id: string;
  scope: string;
  issued_at: number;
  expires_at: number;
  rotated_at: number | null;
  revoked_at: number | null;
}

const toRow = (r: Raw): RefreshTokenRow => ({
  tokenHash: r.token_hash,
  grantId: r.grant_id,
  runId: r.run_id,
  clientId: r.client_id,
  scope: r.scope,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
  rotatedAt: r.rotated_at,
  revokedAt: r.revoked_at,
});

export function insertRefreshToken(db: Db, t: Omit<RefreshTokenRow, 'rotatedAt' | 'revokedAt'>): void {
  db.prepare(
    `INSERT INTO as_refresh_tokens (token_hash, grant_id, run_id, client_id, scope, issued_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(t.tokenHash, t.grantId, t.runId, t.clientId, t.scope, t.issuedAt, t.expiresAt);
}

export function findRefreshToken(db: Db, hash: string): RefreshTokenRow | undefined {
  const r = db.prepare('SELECT * FROM as_refresh_tokens WHERE token_hash = ?').get(hash) as Raw | undefined;
  return r && toRow(r);
}

/**
 * Marks the token rotated, atomically: exactly one of any number of
 * concurrent uses gets `true`; the others are replays.
 */
export function rotateRefreshToken(db: Db, hash: string, now: number): boolean {
  return (
    db
      .prepare('UPDATE as_refresh_tokens SET rotated_at = ? WHERE token_hash = ? AND rotated_at IS NULL AND revoked_at IS NULL')
      .run(now, hash).changes === 1
  );
}
