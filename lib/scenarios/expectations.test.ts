import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@/lib/timeline/events';
import { mergeEvents } from '@/lib/timeline/filter';
import { checkStep, scenarioProgress, scenarioStart } from './expectations';

let seq = 0;
const ev = (e: Partial<TimelineEvent> & Pick<TimelineEvent, 'type'>): TimelineEvent => ({ runId: 'r', seq: ++seq, at: 0, from: 'client', to: 'resource-server', summary: '', outcome: 'info', ...e });

describe('scenario expectations, judged from the timeline', () => {
  it('meets type, outcome, status and an RFC 6750 error code found in the WWW-Authenticate challenge', () => {
    seq = 0;
    const refused = ev({
      type: 'client.resource_called',
      outcome: 'denied',
      http: { response: { status: 403, headers: { 'www-authenticate': 'Bearer error="insufficient_scope", scope="notes:write"' } } },
    });
    expect(checkStep([{ type: 'client.resource_called', outcome: 'denied', status: 403, error: 'insufficient_scope' }], [refused])).toEqual([{ met: true, event: refused }]);
    expect(checkStep([{ type: 'client.resource_called', status: 401 }], [refused])).toEqual([{ met: false, instead: 'saw #1 denied 403' }]);
    expect(checkStep([{ type: 'client.resource_called', error: 'invalid_token' }], [refused])[0]!.met).toBe(false);
  });

  it('meets a text the event shows: a quoted challenge parameter, a meaning, a rule id', () => {
    seq = 0;
    const refused = ev({ type: 'client.resource_called', http: { response: { status: 403, headers: { 'www-authenticate': 'Bearer error="insufficient_scope", scope="notes:purge"' } } } });
    expect(checkStep([{ type: 'client.resource_called', shows: 'scope="notes:purge"' }], [refused])[0]!.met).toBe(true);
    expect(checkStep([{ type: 'client.resource_called', shows: 'scope="notes:write"' }], [refused])[0]!.met).toBe(false);
    const shown = ev({ type: 'consent.shown', data: { meanings: { 'notes:purge': 'Delete notes for good' } } });
    expect(checkStep([{ type: 'consent.shown', shows: 'Delete notes for good' }], [shown])[0]!.met).toBe(true);
    const changed = ev({ type: 'run.policy_changed', data: { actions: { delete: ['notes:purge'] } } });
    expect(checkStep([{ type: 'run.policy_changed', shows: ['"delete":["notes:purge"]', 'purge'] }], [changed])[0]!.met).toBe(true);
    expect(checkStep([{ type: 'run.policy_changed', shows: ['"delete":["notes:purge"]', 'office-hours'] }], [changed])[0]!.met).toBe(false);
  });

  it('an absent-expectation fails when such an event happened', () => {
    seq = 0;
    const issued = ev({ type: 'token.issued', outcome: 'ok' });
    expect(checkStep([{ type: 'token.issued', absent: true }], [issued])).toEqual([{ met: false, instead: '#1 token.issued happened' }]);
    expect(checkStep([{ type: 'token.issued', absent: true }], [])).toEqual([{ met: true }]);
  });

  it('judges each step on the events after the previous step, starting after the last reset', () => {
    seq = 0;
    const steps = [{ expect: [{ type: 'consent.granted' as const }] }, { expect: [{ type: 'consent.granted' as const }] }];
    const before = ev({ type: 'consent.granted' });
    const reset = ev({ type: 'run.reset' });
    const once = ev({ type: 'consent.granted' });
    // Only one consent since the reset: step 1 is done, step 2 waits for a second one.
    const progress = scenarioProgress(steps, [before, reset, once]);
    expect(progress.map((p) => p.done)).toEqual([true, false]);
    expect(progress[0]!.from).toBe(reset.seq);
    expect(scenarioProgress(steps, [before, reset, once, ev({ type: 'consent.granted' })]).map((p) => p.done)).toEqual([true, true]);
  });

  it('judges in the order the parties recorded the events (seq), also when the page holds them in causal order', () => {
    seq = 0;
    const steps = [{ expect: [{ type: 'token.issued' as const }, { type: 'client.tokens_received' as const }] }];
    // The client's callback started first (causalAt), the token endpoint answered inside it, then the client recorded its tokens.
    const issued = ev({ type: 'token.issued', at: 2, causalAt: 2 });
    const received = ev({ type: 'client.tokens_received', at: 3, causalAt: 1 });
    expect(scenarioProgress(steps, [issued, received]).map((p) => p.done)).toEqual([true]);
    // The guided page's list (lib/timeline/filter.ts mergeEvents): received is drawn first.
    expect(scenarioProgress(steps, mergeEvents([], [issued, received])).map((p) => p.done)).toEqual([true]);
  });
  it('a scenario counts only what follows its own start: a fresh open shows step 1 not done (walk report E)', () => {
    seq = 0;
    const steps = [{ expect: [{ type: 'client.sign_in_started' as const }, { type: 'consent.shown' as const }] }, { expect: [{ type: 'consent.granted' as const }] }];
    // A teacher's run before opening the scenario: a sign-in by hand, no reset at all.
    const leftovers = [ev({ type: 'client.sign_in_started' }), ev({ type: 'consent.shown' }), ev({ type: 'consent.granted' })];
    expect(scenarioStart(leftovers, 'read-only-then-write')).toBeUndefined();
    expect(scenarioProgress(steps, leftovers, 'read-only-then-write').map((p) => p.done)).toEqual([false, false]);
    // Another scenario's start is not this one's.
    const other = [ev({ type: 'run.reset', data: { scenario: 'bob-is-refused' } }), ev({ type: 'client.sign_in_started' }), ev({ type: 'consent.shown' })];
    expect(scenarioProgress(steps, other, 'read-only-then-write').map((p) => p.done)).toEqual([false, false]);
    // Its own start (Start over or Play: a reset naming it): what follows counts.
    const start = ev({ type: 'run.reset', data: { scenario: 'read-only-then-write' } });
    const after = [start, ev({ type: 'client.sign_in_started' }), ev({ type: 'consent.shown' })];
    expect(scenarioStart(after, 'read-only-then-write')).toBe(start.seq);
    expect(scenarioProgress(steps, after, 'read-only-then-write').map((p) => p.done)).toEqual([true, false]);
  });
});
