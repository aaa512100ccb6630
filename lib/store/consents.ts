import 'server-only';
import type { Db } from './db';

/** What a user last consented to for one client, in one run (the scope granted, space-delimited). */
export interface ConsentRow {
  runId: string;
  userId: string;
  clientId: string;
  scope: string;
  updatedAt: number;
}

interface Raw {
  run_id: string;
  user_id: string;
  client_id: string;
  scope: string;
  updated_at: number;
}

export function findConsent(db: Db, runId: string, userId: string, clientId: string): ConsentRow | undefined {
  const r = db
    .prepare('SELECT * FROM as_consents WHERE run_id = ? AND user_id = ? AND client_id = ?')
    .get(runId, userId, clientId) as Raw | undefined;
  return r && { runId: r.run_id, userId: r.user_id, clientId: r.client_id, scope: r.scope, updatedAt: r.updated_at };
}

/** Records the user's latest decision for the client, replacing the previous one. */
export function saveConsent(db: Db, c: ConsentRow): void {
  db.prepare(
    `INSERT INTO as_consents (run_id, user_id, client_id, scope, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(run_id, user_id, client_id) DO UPDATE SET scope = excluded.scope, updated_at = excluded.updated_at`,
  ).run(c.runId, c.userId, c.clientId, c.scope, c.updatedAt);
}
