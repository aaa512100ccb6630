import 'server-only';
import type { Db } from './db';

/**
 * Every access token the authorization server issues, JWT or opaque, by its
 * `jti` (RFC 9068 §2.2, RFC 7519 §4.1.7), so it can be introspected (RFC
 * 7662) and revoked (RFC 7009). Opaque tokens are found by their hash; the
 * raw value is never stored.
 */
export interface AccessTokenRow {
  jti: string;
  /** tokenHash() of an opaque token; null for a JWT. */
  tokenHash: string | null;
  /** The grant it came from; null for client_credentials. */
  grantId: string | null;
  runId: string;
  clientId: string;
  userId: string | null;
  scope: string;
  audience: string;
  format: 'jwt' | 'opaque';
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

interface Raw {
  jti: string;
  token_hash: string | null;
  grant_id: string | null;
  run_id: string;
  client_id: string;
  user_id: string | null;
  scope: string;
  audience: string;
  format: 'jwt' | 'opaque';
  issued_at: number;
  expires_at: number;
  revoked_at: number | null;
}

const toRow = (r: Raw): AccessTokenRow => ({
  jti: r.jti,
  tokenHash: r.token_hash,
  grantId: r.grant_id,
  runId: r.run_id,
  clientId: r.client_id,
  userId: r.user_id,
  scope: r.scope,
  audience: r.audience,
  format: r.format,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

export function insertAccessToken(db: Db, t: Omit<AccessTokenRow, 'revokedAt'>): void {
  db.prepare(
    `INSERT INTO as_access_tokens
       (jti, token_hash, grant_id, run_id, client_id, user_id, scope, audience, format, issued_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(t.jti, t.tokenHash, t.grantId, t.runId, t.clientId, t.userId, t.scope, t.audience, t.format, t.issuedAt, t.expiresAt);
}

export function findAccessTokenByJti(db: Db, jti: string): AccessTokenRow | undefined {
  const r = db.prepare('SELECT * FROM as_access_tokens WHERE jti = ?').get(jti) as Raw | undefined;
  return r && toRow(r);
}

export function findAccessTokenByHash(db: Db, hash: string): AccessTokenRow | undefined {
  const r = db.prepare('SELECT * FROM as_access_tokens WHERE token_hash = ?').get(hash) as Raw | undefined;
  return r && toRow(r);
}

/** Revokes one access token; true if it was live before. */
export function revokeAccessToken(db: Db, jti: string, now: number): boolean {
  return db.prepare('UPDATE as_access_tokens SET revoked_at = ? WHERE jti = ? AND revoked_at IS NULL').run(now, jti).changes === 1;
}
