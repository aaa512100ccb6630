import 'server-only';
import type { Db } from './db';
import type { FailureEndpoint, FailureKind, FailurePlan } from '@/lib/timeline/failure-plan';

/**
 * A run's failures on demand (lib/timeline/failure-plan.ts): one plan per
 * endpoint, removed with the run. Taking one is a single UPDATE ... RETURNING,
 * so concurrent requests never spend the same failure twice.
 */

interface Raw {
  endpoint: string;
  kind: string;
  remaining: number;
  delay_ms: number | null;
}

const toPlan = (r: Raw): FailurePlan => ({
  endpoint: r.endpoint as FailureEndpoint,
  kind: r.kind as FailureKind,
  remaining: r.remaining,
  ...(r.delay_ms !== null ? { delayMs: r.delay_ms } : {}),
});

/** Sets (or, with remaining 0, clears) one endpoint's plan for the run. */
export function saveFailurePlan(db: Db, runId: string, plan: FailurePlan): void {
  if (plan.remaining === 0) {
    db.prepare('DELETE FROM sandbox_injected_failures WHERE run_id = ? AND endpoint = ?').run(runId, plan.endpoint);
    return;
  }
  db.prepare(
    `INSERT INTO sandbox_injected_failures (run_id, endpoint, kind, remaining, delay_ms) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(run_id, endpoint) DO UPDATE SET kind = excluded.kind, remaining = excluded.remaining, delay_ms = excluded.delay_ms`,
  ).run(runId, plan.endpoint, plan.kind, plan.remaining, plan.delayMs ?? null);
}

export function listFailurePlans(db: Db, runId: string): FailurePlan[] {
  return (db.prepare('SELECT endpoint, kind, remaining, delay_ms FROM sandbox_injected_failures WHERE run_id = ? AND remaining > 0 ORDER BY endpoint').all(runId) as Raw[]).map(toPlan);
}

export function clearFailurePlans(db: Db, runId: string): void {
  db.prepare('DELETE FROM sandbox_injected_failures WHERE run_id = ?').run(runId);
}

/** Spends one failure of the endpoint's plan, if any is left: the plan as it was taken, with `remaining` now left. */
export function takeFailure(db: Db, runId: string, endpoint: FailureEndpoint): FailurePlan | undefined {
  // Nearly every request has nothing planned: a read says so without a write transaction.
  if (db.prepare('SELECT 1 FROM sandbox_injected_failures WHERE run_id = ? AND endpoint = ? AND remaining > 0').get(runId, endpoint) === undefined) return undefined;
  const r = db
    .prepare(
      `UPDATE sandbox_injected_failures SET remaining = remaining - 1
       WHERE run_id = ? AND endpoint = ? AND remaining > 0
       RETURNING endpoint, kind, remaining, delay_ms`,
    )
    .get(runId, endpoint) as Raw | undefined;
  return r && toPlan(r);
}

/** Whether any run has a failure left at this endpoint: lets an endpoint skip finding a request's run when none can fail. */
export function anyFailurePlanned(db: Db, endpoint: FailureEndpoint): boolean {
  return db.prepare('SELECT 1 FROM sandbox_injected_failures WHERE endpoint = ? AND remaining > 0 LIMIT 1').get(endpoint) !== undefined;
}
