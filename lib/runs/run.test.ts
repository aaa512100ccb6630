import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/store/db';
import { findRun, RUN_IDLE_MS, saveRunSettings } from '@/lib/store/runs';
import { DEFAULT_SETTINGS } from './settings';
import { idleRunSweeper, lookUpRun, openRun } from './run';

const RUN = 'run-life-cycle-000000000000';

describe('a run', () => {
  it('is created by openRun on the wall clock it is given, only read once it exists, and its clock moves by its offset', () => {
    const db = openDb(':memory:');
    let wall = 5_000_000;
    const run = openRun(db, RUN, () => wall);
    expect(findRun(db, RUN)).toMatchObject({ createdAt: 5_000_000, lastSeenAt: 5_000_000 });
    expect(run.clock()).toBe(5_000);
    saveRunSettings(db, RUN, { ...DEFAULT_SETTINGS, clockOffset: 600 });
    wall = 6_000_000;
    const again = openRun(db, RUN, () => wall);
    // An existing run is only read (no write per request): the request's recorder marks it as seen (saveEvents).
    expect(findRun(db, RUN)).toMatchObject({ createdAt: 5_000_000, lastSeenAt: 5_000_000 });
    expect(again.clock()).toBe(6_000 + 600);
  });

  it('is only looked up by lookUpRun: an unknown run is not created and has the default settings', () => {
    const db = openDb(':memory:');
    const run = lookUpRun(db, RUN, () => 1_000);
    expect(run).toMatchObject({ known: false, settings: DEFAULT_SETTINGS });
    expect(findRun(db, RUN)).toBeUndefined();
    expect(lookUpRun(db, 'not a run id', () => 1_000).known).toBe(false);
    openRun(db, RUN, () => 1_000);
    expect(lookUpRun(db, RUN, () => 1_000).known).toBe(true);
  });

  it('idle for a day is removed by the sweeper, which looks at most once per interval on the clock it is given', () => {
    const db = openDb(':memory:');
    const sweep = idleRunSweeper(1_000);
    openRun(db, RUN, () => 0);
    expect(sweep(db, () => RUN_IDLE_MS)).toBe(0); // idle exactly a day: kept
    expect(findRun(db, RUN)).toBeDefined();
    expect(sweep(db, () => RUN_IDLE_MS + 999)).toBe(0); // idle longer, but the last look was under 1000 ms ago
    expect(findRun(db, RUN)).toBeDefined();
    expect(sweep(db, () => RUN_IDLE_MS + 1_000)).toBe(1);
    expect(findRun(db, RUN)).toBeUndefined();
  });
});
