import 'server-only';
import type { Db } from './db';
import type { EventInput, TimelineEvent } from '@/lib/timeline/events';
import { hideRunKeys } from '@/lib/runs/run-id';

/** A run keeps at most this many events; the oldest are dropped first. */
export const MAX_EVENTS_PER_RUN = 1000;

interface EventRowRaw {
  run_id: string;
  seq: number;
  at: number;
  from_party: string;
  to_party: string;
  type: string;
  summary: string;
  outcome: string;
  exchange: string | null;
  detail: string;
}

function toEvent(r: EventRowRaw): TimelineEvent {
  const detail = JSON.parse(r.detail) as Omit<EventInput, 'from' | 'to' | 'type' | 'summary' | 'outcome'>;
  return {
    ...detail,
    runId: r.run_id,
    seq: r.seq,
    at: r.at,
    from: r.from_party as TimelineEvent['from'],
    to: r.to_party as TimelineEvent['to'],
    type: r.type as TimelineEvent['type'],
    summary: r.summary,
    outcome: r.outcome as TimelineEvent['outcome'],
    ...(r.exchange ? { exchange: r.exchange } : {}),
  };
}

/** Appends events to a run in one transaction, numbering them, and trims the run to its bound. */
export function appendEvents(db: Db, runId: string, events: EventInput[], exchange: string | undefined, atMs: number): number[] {
  const seqs: number[] = [];
  if (events.length === 0) return seqs;
  db.transaction(() => {
    // One statement reserves the numbers of all the events (it was one per event).
    const { first } = db
      .prepare('UPDATE runs SET next_seq = next_seq + ? WHERE id = ? RETURNING next_seq - ? AS first')
      .get(events.length, runId, events.length) as { first: number };
    const insert = db.prepare(
      `INSERT INTO events (run_id, seq, at, from_party, to_party, type, summary, outcome, exchange, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    events.forEach((e, i) => {
      const seq = first + i;
      const { from, to, type, summary, outcome, ...detail } = e;
      // A run key is never on the timeline, wherever a party recorded it (a Cookie or X-Sandbox-Run-Key header, a body).
      insert.run(runId, seq, atMs, from, to, type, hideRunKeys(summary), outcome, exchange ?? null, hideRunKeys(JSON.stringify(detail)));
      seqs.push(seq);
    });
    // Only a run numbered past its bound has events to drop (numbers start at 1 and only grow until a reset).
    const last = first + events.length - 1;
    if (last > MAX_EVENTS_PER_RUN) db.prepare('DELETE FROM events WHERE run_id = ? AND seq <= ?').run(runId, last - MAX_EVENTS_PER_RUN);
  })();
  return seqs;
}

/** Events of one run after `afterSeq`, in order. */
export function listEvents(db: Db, runId: string, afterSeq = 0, limit = MAX_EVENTS_PER_RUN): TimelineEvent[] {
  return (
    db
      .prepare('SELECT * FROM events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(runId, afterSeq, limit) as EventRowRaw[]
  ).map(toEvent);
}

/** How many events the run has dropped because of the bound (the first kept seq minus one). */
export function droppedEventCount(db: Db, runId: string): number {
  const r = db.prepare('SELECT MIN(seq) AS first FROM events WHERE run_id = ?').get(runId) as { first: number | null };
  return r.first ? r.first - 1 : 0;
}

/** The seq of the run's last event, 0 when it has none (after a reset the numbering starts again). */
export function lastEventSeq(db: Db, runId: string): number {
  const r = db.prepare('SELECT MAX(seq) AS last FROM events WHERE run_id = ?').get(runId) as { last: number | null };
  return r.last ?? 0;
}
