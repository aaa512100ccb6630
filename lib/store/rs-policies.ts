import 'server-only';
import type { Db } from './db';

/**
 * The Notes API's policy per run (table `rs_`: which scope each action needs
 * and the run's rules), as JSON. A run without a row uses the defaults;
 * deleting the run (reset) removes its row.
 */
export function findRsPolicy(db: Db, runId: string): unknown {
  const r = db.prepare('SELECT policy FROM rs_policies WHERE run_id = ?').get(runId) as { policy: string } | undefined;
  return r ? (JSON.parse(r.policy) as unknown) : undefined;
}

export function saveRsPolicy(db: Db, runId: string, policy: unknown): void {
  db.prepare(
    `INSERT INTO rs_policies (run_id, policy) VALUES (?, ?)
     ON CONFLICT(run_id) DO UPDATE SET policy = excluded.policy`,
  ).run(runId, JSON.stringify(policy));
}
