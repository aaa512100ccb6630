import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@/lib/timeline/events';
import { latestThatMatters } from './timeline-panel';
import { shownCount } from './timeline-app';

const ev = (seq: number, at: number, outcome: TimelineEvent['outcome'], summary: string): TimelineEvent => ({
  runId: 'r',
  seq,
  at,
  from: 'client',
  to: 'resource-server',
  type: 'client.resource_called',
  summary,
  outcome,
});

describe('the bottom bar names what matters (issue 9 item 11)', () => {
  it('a 403 followed at once by the page reloading the list: names the 403, not the follow-up GET', () => {
    const events = [ev(1, 1000, 'ok', 'GET /rs/api/notes'), ev(2, 5000, 'denied', 'POST /rs/api/notes: 403'), ev(3, 5400, 'ok', 'GET /rs/api/notes')];
    expect(latestThatMatters(events)?.summary).toBe('POST /rs/api/notes: 403');
  });

  it('an old refusal does not hide what happened since', () => {
    const events = [ev(1, 1000, 'denied', 'POST /rs/api/notes: 403'), ev(2, 60_000, 'ok', 'GET /rs/api/notes')];
    expect(latestThatMatters(events)?.summary).toBe('GET /rs/api/notes');
    expect(latestThatMatters([])).toBeUndefined();
  });
});

describe('the filter count reads right', () => {
  it('says how many of how many, in the singular when one', () => {
    expect(shownCount(232, 232)).toBe('All 232 events shown');
    expect(shownCount(230, 232)).toBe('230 of 232 events shown: 2 hidden by the filter');
    expect(shownCount(1, 1)).toBe('All 1 event shown');
    expect(shownCount(0, 1)).toBe('0 of 1 event shown: 1 hidden by the filter');
  });
});
