import 'server-only';
import type { Db } from '@/lib/store/db';
import { appendEvents } from '@/lib/store/events';
import { touchRun } from '@/lib/store/runs';
import type { WallClock } from '@/lib/runs/clock';
import type { EventInput } from './events';
import { publishNewEvents } from './live';

/**
 * Saves events on a run's timeline and tells the live stream. The run's row
 * (marked as seen) and its events are one transaction: one commit (one WAL
 * append) per run, not two. `exchange` groups the events of one HTTP
 * exchange.
 */
export function saveEvents(db: Db, runId: string, events: EventInput[], exchange: string, wall: WallClock): void {
  if (events.length === 0) return;
  const seqs = db.transaction(() => {
    const nowMs = wall();
    touchRun(db, runId, nowMs);
    return appendEvents(db, runId, events, exchange, nowMs);
  })();
  publishNewEvents(runId, seqs[seqs.length - 1]!);
}
