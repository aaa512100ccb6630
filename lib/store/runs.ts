import 'server-only';
import type { Db } from './db';
import { DEFAULT_SETTINGS, type RunSettings } from '@/lib/runs/settings';

export interface RunRow {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  settings: RunSettings;
}

/** Runs idle for longer than this are removed with all their data. */
export const RUN_IDLE_MS = 24 * 60 * 60 * 1000;

function toRow(r: { id: string; created_at: number; last_seen_at: number; settings: string }): RunRow {
  return {
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    settings: { ...DEFAULT_SETTINGS, ...(JSON.parse(r.settings) as Partial<RunSettings>) },
  };
}

export function findRun(db: Db, id: string): RunRow | undefined {
  const r = db.prepare('SELECT id, created_at, last_seen_at, settings FROM runs WHERE id = ?').get(id) as
    | { id: string; created_at: number; last_seen_at: number; settings: string }
    | undefined;
  return r && toRow(r);
}

/** Creates the run if it does not exist yet and marks it as seen at `nowMs` (wall time, from the caller's clock). */
export function ensureRun(db: Db, id: string, nowMs: number): RunRow {
  touchRun(db, id, nowMs);
  return findRun(db, id)!;
}

/** ensureRun without reading the row back: for the recorder, which only needs the row to exist (one statement, not two). */
export function touchRun(db: Db, id: string, nowMs: number): void {
  db.prepare(
    `INSERT INTO runs (id, created_at, last_seen_at) VALUES (?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
  ).run(id, nowMs, nowMs);
}

export function saveRunSettings(db: Db, id: string, settings: RunSettings): void {
  db.prepare('UPDATE runs SET settings = ? WHERE id = ?').run(JSON.stringify(settings), id);
}

/** Removes runs idle since before `nowMs - RUN_IDLE_MS`, with everything that belongs to them. */
export function removeIdleRuns(db: Db, nowMs: number): number {
  return db.prepare('DELETE FROM runs WHERE last_seen_at < ?').run(nowMs - RUN_IDLE_MS).changes;
}

/** Deletes a run's row; every run-owned table cascades (codes, tokens, consents, sessions, events). */
export function deleteRun(db: Db, id: string): void {
  db.prepare('DELETE FROM runs WHERE id = ?').run(id);
}
