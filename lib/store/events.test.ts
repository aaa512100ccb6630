import { describe, expect, it } from 'vitest';
import { openDb } from './db';
import { appendEvents, droppedEventCount, listEvents, MAX_EVENTS_PER_RUN } from './events';
import { ensureRun, findRun, removeIdleRuns, RUN_IDLE_MS } from './runs';
import type { EventInput } from '@/lib/timeline/events';

const event = (summary: string): EventInput => ({
  from: 'browser',
  to: 'auth-server',
  type: 'authorization_request.received',
  summary,
  outcome: 'info',
  consent: { requested: ['notes:read', 'notes:write'], granted: ['notes:read'] },
});

describe('timeline store', () => {
  it('numbers events per run and keeps their detail', () => {
    const db = openDb(':memory:');
    ensureRun(db, 'run-a-0000000000000000000', Date.now());
    ensureRun(db, 'run-b-0000000000000000000', Date.now());
    expect(appendEvents(db, 'run-a-0000000000000000000', [event('one'), event('two')], 'x1', 1000)).toEqual([1, 2]);
    expect(appendEvents(db, 'run-b-0000000000000000000', [event('other')], undefined, 1000)).toEqual([1]);
    const a = listEvents(db, 'run-a-0000000000000000000');
    expect(a.map((e) => [e.seq, e.summary, e.exchange])).toEqual([
      [1, 'one', 'x1'],
      [2, 'two', 'x1'],
    ]);
    expect(a[0]!.consent).toEqual({ requested: ['notes:read', 'notes:write'], granted: ['notes:read'] });
    expect(listEvents(db, 'run-a-0000000000000000000', 1).map((e) => e.summary)).toEqual(['two']);
  });

  it('keeps a run bounded, dropping the oldest events first', () => {
    const db = openDb(':memory:');
    const id = 'run-c-0000000000000000000';
    ensureRun(db, id, Date.now());
    appendEvents(db, id, Array.from({ length: MAX_EVENTS_PER_RUN + 5 }, (_, i) => event(`e${i + 1}`)), undefined, 1);
    const kept = listEvents(db, id);
    expect(kept).toHaveLength(MAX_EVENTS_PER_RUN);
    expect(kept[0]!.summary).toBe('e6');
    expect(droppedEventCount(db, id)).toBe(5);
  });

  it('numbers events on from the last call and drops the oldest once past the bound, call after call', () => {
    const db = openDb(':memory:');
    const id = 'run-e-0000000000000000000';
    const other = 'run-f-0000000000000000000';
    ensureRun(db, id, Date.now());
    ensureRun(db, other, Date.now());
    expect(appendEvents(db, id, Array.from({ length: MAX_EVENTS_PER_RUN - 1 }, (_, i) => event(`e${i + 1}`)), undefined, 1).at(-1)).toBe(MAX_EVENTS_PER_RUN - 1);
    expect(appendEvents(db, other, [event('o1')], undefined, 1)).toEqual([1]);
    expect(appendEvents(db, id, [event('a'), event('b'), event('c')], 'x', 2)).toEqual([MAX_EVENTS_PER_RUN, MAX_EVENTS_PER_RUN + 1, MAX_EVENTS_PER_RUN + 2]);
    expect(appendEvents(db, id, [], 'x', 3)).toEqual([]);
    const kept = listEvents(db, id);
    expect(kept).toHaveLength(MAX_EVENTS_PER_RUN);
    expect(kept.map((e) => e.seq).slice(0, 2)).toEqual([3, 4]);
    expect(kept.slice(-3).map((e) => e.summary)).toEqual(['a', 'b', 'c']);
    expect(droppedEventCount(db, id)).toBe(2);
    expect(appendEvents(db, other, [event('o2')], undefined, 1)).toEqual([2]);
    expect(listEvents(db, other).map((e) => e.summary)).toEqual(['o1', 'o2']);
  });

  it('removes runs idle for a day, with their events', () => {
    const db = openDb(':memory:');
    const id = 'run-d-0000000000000000000';
    ensureRun(db, id, 0);
    appendEvents(db, id, [event('old')], undefined, 0);
    expect(removeIdleRuns(db, RUN_IDLE_MS + 1)).toBe(1);
    expect(findRun(db, id)).toBeUndefined();
    expect(listEvents(db, id)).toEqual([]);
  });
});
