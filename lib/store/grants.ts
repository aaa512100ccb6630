import 'server-only';
import type { Db } from './db';

/**
 * A grant is what the resource owner approved for one client: the family
 * that a code, its access tokens and its refresh tokens belong to. Revoking
 * the grant revokes them all (RFC 6749 §4.1.2, §10.5; RFC 9700 §4.14.2).
 */
export interface GrantRow {
  id: string;
  runId: string;
  clientId: string;
  userId: string | null;
  scope: string;
  resource: string;
  authTime: number | null;
  nonce: string | null;
  createdAt: number;
  revokedAt: number | null;
}

interface Raw {
  id: string;
  run_id: string;
  client_id: string;
  user_id: string | null;
  scope: string;
  resource: string;
  auth_time: number | null;
  nonce: string | null;
  created_at: number;
  revoked_at: number | null;
}

const toRow = (r: Raw): GrantRow => ({
  id: r.id,
  runId: r.run_id,
  clientId: r.client_id,
  userId: r.user_id,
  scope: r.scope,
  resource: r.resource,
  authTime: r.auth_time,
  nonce: r.nonce,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export function insertGrant(db: Db, g: Omit<GrantRow, 'revokedAt'>): void {
  db.prepare(
    `INSERT INTO as_grants (id, run_id, client_id, user_id, scope, resource, auth_time, nonce, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(g.id, g.runId, g.clientId, g.userId, g.scope, g.resource, g.authTime, g.nonce, g.createdAt);
}

export function findGrant(db: Db, id: string): GrantRow | undefined {
  const r = db.prepare('SELECT * FROM as_grants WHERE id = ?').get(id) as Raw | undefined;
  return r && toRow(r);
}

/** Revokes the grant and every access and refresh token issued from it, in one transaction. */
export function revokeGrant(db: Db, id: string, now: number): void {
  db.transaction(() => {
    db.prepare('UPDATE as_grants SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(now, id);
    db.prepare('UPDATE as_access_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE grant_id = ?').run(now, id);
    db.prepare('UPDATE as_refresh_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE grant_id = ?').run(now, id);
  })();
}
