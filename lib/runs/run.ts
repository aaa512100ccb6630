import 'server-only';
import type { Db } from '@/lib/store/db';
import { ensureRun, findRun, removeIdleRuns } from '@/lib/store/runs';
import { runClock, type Clock, type WallClock } from './clock';
import { isRunId } from './run-id';
import { DEFAULT_SETTINGS, type RunSettings } from './settings';

/**
 * A run is one visitor's sandbox (see run-id.ts): its id, its settings and
 * its clock (the wall clock moved by the run's offset). Every party works
 * inside a run; the timeline only records what happens in it.
 */
export interface Run {
  id: string;
  settings: RunSettings;
  clock: Clock;
}

/**
 * Opens the run a protocol step works in: creates it on its first request
 * (an outside client may name a run nobody has opened yet). Nearly every
 * request finds its run, so that is a read, not a write transaction; the
 * request's recorder marks the run as seen (touchRun), so idle clean-up
 * leaves it alone.
 */
export function openRun(db: Db, id: string, wall: WallClock): Run {
  const row = findRun(db, id) ?? ensureRun(db, id, wall());
  return { id, settings: row.settings, clock: runClock(row.settings, wall) };
}

/**
 * Looks a run up without creating it: an unknown or malformed id gives the
 * default settings and `known: false`. The resource server uses this, as it
 * only ever reads a run another party opened.
 */
export function lookUpRun(db: Db, id: string | undefined, wall: WallClock): Run & { known: boolean } {
  const row = isRunId(id) ? findRun(db, id) : undefined;
  const settings = row?.settings ?? DEFAULT_SETTINGS;
  return { id: id ?? '', settings, clock: runClock(settings, wall), known: row !== undefined };
}

/** How often idle runs are looked for: the check is a table scan, a request need not pay for it each time. */
const IDLE_CHECK_INTERVAL_MS = 3_600_000;

/**
 * Removes runs idle for a day (RUN_IDLE_MS) with all their data, checking at
 * most once per `intervalMs` by the wall clock it is given. One sweeper per
 * process; tests make their own.
 */
export function idleRunSweeper(intervalMs: number = IDLE_CHECK_INTERVAL_MS): (db: Db, wall: WallClock) => number {
  let lastCheck: number | undefined;
  return (db, wall) => {
    const now = wall();
    if (lastCheck !== undefined && now - lastCheck < intervalMs) return 0;
    lastCheck = now;
    return removeIdleRuns(db, now);
  };
}
