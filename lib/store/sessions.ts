import 'server-only';
import type { Db } from './db';

/** A sign-in at the authorization server, stored by the hash of the `as_session` cookie's value, bound to one run. */
export interface SessionRow {
  idHash: string;
  runId: string;
  userId: string;
  /** When the user signed in, epoch seconds (the ID token's `auth_time`). */
  authTime: number;
  expiresAt: number;
}

interface Raw {
  id_hash: string;
  run_id: string;
  user_id: string;
  auth_time: number;
  expires_at: number;
}

export function insertSession(db: Db, s: SessionRow): void {
  db.prepare('INSERT INTO as_sessions (id_hash, run_id, user_id, auth_time, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    s.idHash,
    s.runId,
    s.userId,
    s.authTime,
    s.expiresAt,
  );
}

export function findSession(db: Db, idHash: string): SessionRow | undefined {
  const r = db.prepare('SELECT * FROM as_sessions WHERE id_hash = ?').get(idHash) as Raw | undefined;
  return r && { idHash: r.id_hash, runId: r.run_id, userId: r.user_id, authTime: r.auth_time, expiresAt: r.expires_at };
}

/** Ends a sign-in: the cookie's session no longer exists (the authorization server's sign-out). */
export function deleteSession(db: Db, idHash: string): void {
  db.prepare('DELETE FROM as_sessions WHERE id_hash = ?').run(idHash);
}
