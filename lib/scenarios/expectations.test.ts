import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@/lib/timeline/events';
import { checkStep, scenarioProgress } from './expectations';

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

  it('reads the events in causal order, as the guided page shows them, whatever order they arrive in', () => {
    seq = 0;
    const steps = [{ expect: [{ type: 'client.resource_called' as const }, { type: 'introspection.answered' as const }, { type: 'resource.answered' as const }] }];
    // Stored in this order (seq: the back-channel answer first), but the client's call caused it (causalAt).
    const introspected = ev({ type: 'introspection.answered', at: 1, causalAt: 2 });
    const answered = ev({ type: 'resource.answered', at: 2, causalAt: 3 });
    const called = ev({ type: 'client.resource_called', at: 3, causalAt: 1 });
    const bySeq = [introspected, answered, called];
    expect(scenarioProgress(steps, bySeq).map((p) => p.done)).toEqual([true]);
    expect(scenarioProgress(steps, [answered, called, introspected]).map((p) => p.done)).toEqual([true]);
  });
});
