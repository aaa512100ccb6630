import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/store/db';
import { listEvents } from '@/lib/store/events';
import { findRun } from '@/lib/store/runs';
import { openRun } from '@/lib/runs/run';
import { saveEvents } from './save-events';

const RUN = 'save-events-run-00000000000';

describe('saveEvents', () => {
  it('marks the run as seen on the wall clock it is given (openRun only reads an existing run), and saves the events in order', () => {
    const db = openDb(':memory:');
    openRun(db, RUN, () => 1_000);
    saveEvents(
      db,
      RUN,
      [
        { type: 'run.reset', from: 'sandbox', to: 'sandbox', summary: 'first', outcome: 'info', data: {} },
        { type: 'run.reset', from: 'sandbox', to: 'sandbox', summary: 'second', outcome: 'info', data: {} },
      ],
      'exchange-1',
      () => 9_000,
    );
    expect(findRun(db, RUN)).toMatchObject({ createdAt: 1_000, lastSeenAt: 9_000 });
    expect(listEvents(db, RUN).map((e) => e.summary)).toEqual(['first', 'second']);
  });
});
