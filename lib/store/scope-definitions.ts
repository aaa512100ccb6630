import 'server-only';
import type { Db } from './db';

/**
 * The authorization server's scope definitions per run (table `as_`), as
 * JSON. A run without a row uses the defaults; deleting the run (reset)
 * removes its row, so the defaults come back.
 */
export function findScopeDefinitions(db: Db, runId: string): unknown {
  const r = db.prepare('SELECT definitions FROM as_scope_definitions WHERE run_id = ?').get(runId) as { definitions: string } | undefined;
  return r ? (JSON.parse(r.definitions) as unknown) : undefined;
}

export function saveScopeDefinitions(db: Db, runId: string, definitions: unknown): void {
  db.prepare(
    `INSERT INTO as_scope_definitions (run_id, definitions) VALUES (?, ?)
     ON CONFLICT(run_id) DO UPDATE SET definitions = excluded.definitions`,
  ).run(runId, JSON.stringify(definitions));
}
