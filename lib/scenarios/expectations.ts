import type { TimelineEvent } from '@/lib/timeline/events';
import type { Expectation } from './types';

/** The HTTP status an event shows: its response's, or the status a party noted in its data. */
function eventStatus(e: Pick<TimelineEvent, 'http' | 'data'>): number | undefined {
  const fromData = e.data?.['status'];
  return e.http?.response?.status ?? (typeof fromData === 'number' ? fromData : undefined);
}

/** Whether an OAuth error code appears in the event: the response (body, WWW-Authenticate, Location), the checks or the data. */
function eventMentions(e: Pick<TimelineEvent, 'http' | 'data' | 'checks' | 'summary'>, code: string): boolean {
  const text = JSON.stringify([e.http?.response ?? null, e.data ?? null, e.checks ?? null, e.summary]);
  return new RegExp(`(^|[^a-z_])${code}([^a-z_]|$)`).test(text);
}

/** Whether the event shows `text` anywhere a person reading it would see it (summary, data, checks, raw response). */
function eventShows(e: Pick<TimelineEvent, 'http' | 'data' | 'checks' | 'summary' | 'consent'>, text: string): boolean {
  const json = JSON.stringify([e.summary, e.data ?? null, e.checks ?? null, e.consent ?? null, e.http?.response ?? null]);
  // Compared as JSON text: a needle inside a string (scope="notes:purge") has its quotes escaped there; one of the
  // document's own structure ("delete":["notes:purge"]) does not.
  return json.includes(text) || json.includes(JSON.stringify(text).slice(1, -1));
}

export function matches(x: Expectation, e: TimelineEvent): boolean {
  return (
    e.type === x.type &&
    (x.outcome === undefined || e.outcome === x.outcome) &&
    (x.from === undefined || e.from === x.from) &&
    (x.to === undefined || e.to === x.to) &&
    (x.status === undefined || eventStatus(e) === x.status) &&
    (x.error === undefined || eventMentions(e, x.error)) &&
    (x.shows === undefined || (typeof x.shows === 'string' ? [x.shows] : x.shows).every((t) => eventShows(e, t)))
  );
}

type Verdict = { met: true; event?: TimelineEvent } | { met: false; instead: string };

/** "consent.granted (ok), 403 insufficient_scope": an expectation in the words the checklist uses. */
export function describeExpectation(x: Expectation): string {
  const bits = [x.type, x.outcome && `(${x.outcome})`, x.status && String(x.status), x.error, x.shows && `showing ${(typeof x.shows === 'string' ? [x.shows] : x.shows).map((t) => `“${t}”`).join(' and ')}`].filter(Boolean).join(' ');
  return x.absent ? `no ${bits}` : bits;
}

/**
 * Checks a step's expectations against the events the step produced (in
 * order: each expectation is met by an event after the one that met the
 * previous, as a sequence diagram reads). An absent-expectation is met when no
 * event matches. What happened instead is said in words, for the checklist.
 */
export function checkStep(expectations: readonly Expectation[], events: readonly TimelineEvent[]): Verdict[] {
  let from = 0;
  return expectations.map((x) => {
    if (x.absent) {
      const hit = events.find((e) => matches(x, e));
      return hit ? { met: false, instead: `#${hit.seq} ${hit.type} happened` } : { met: true };
    }
    const at = events.findIndex((e, i) => i >= from && matches(x, e));
    if (at >= 0) {
      from = at + 1;
      return { met: true, event: events[at] };
    }
    const sameType = events.filter((e) => e.type === x.type);
    const instead = sameType.length
      ? `saw ${sameType.map((e) => `#${e.seq} ${e.outcome}${eventStatus(e) ? ` ${eventStatus(e)}` : ''}`).join(', ')}`
      : events.length
        ? `not yet; last: #${events[events.length - 1]!.seq} ${events[events.length - 1]!.type} (${events[events.length - 1]!.outcome})`
        : 'no events yet';
    return { met: false, instead };
  });
}

const allMet = (v: readonly Verdict[]) => v.every((x) => x.met);

export interface StepProgress {
  verdicts: Verdict[];
  done: boolean;
  /** The events the step is judged on (after the previous step was done). */
  from: number;
}

/**
 * Where a scenario starts: the seq of the latest `run.reset` that names it
 * (its Start over, or its Play from step 1), or undefined when it has not
 * been started on this run. A run's events from before (another scenario, a
 * sign-in by hand) are never its steps.
 */
export function scenarioStart(events: readonly Pick<TimelineEvent, 'seq' | 'type' | 'data'>[], scenarioId: string): number | undefined {
  let start: number | undefined;
  for (const e of events) if (e.type === 'run.reset' && e.data?.['scenario'] === scenarioId && (start === undefined || e.seq > start)) start = e.seq;
  return start;
}

/**
 * How far the run has got through a scenario, from the events alone (so a
 * played run, a hand-made run and a replay are judged alike): the scenario
 * starts after the last `run.reset` (given the scenario's id: after its own
 * start, scenarioStart, and not at all before it); each step is judged on the events after
 * the one that completed the step before it. Events are read in the order the
 * parties recorded them (seq), whatever order the caller holds them in: the
 * guided page holds them in causal order for its diagram (lib/timeline/filter.ts),
 * where a client's tokens_received is drawn before the token.issued inside it.
 */
export function scenarioProgress(steps: readonly { expect: readonly Expectation[] }[], events: readonly TimelineEvent[], scenarioId?: string): StepProgress[] {
  const recorded = [...events].sort((a, b) => a.seq - b.seq);
  const lastReset = recorded.reduce((at, e) => (e.type === 'run.reset' ? e.seq : at), 0);
  const start = scenarioId === undefined ? lastReset : scenarioStart(recorded, scenarioId);
  if (start === undefined) return steps.map((step) => ({ verdicts: step.expect.map((): Verdict => ({ met: false, instead: 'not started yet' })), done: false, from: 0 }));
  let from = start;
  let blocked = false;
  return steps.map((step) => {
    const window = recorded.filter((e) => e.seq > from);
    const verdicts = blocked ? step.expect.map((): Verdict => ({ met: false, instead: 'an earlier step is not done yet' })) : checkStep(step.expect, window);
    const done = !blocked && allMet(verdicts);
    const progress = { verdicts, done, from };
    if (done) {
      const seqs = verdicts.flatMap((v) => (v.met && v.event ? [v.event.seq] : []));
      from = seqs.length ? Math.max(...seqs) : from;
    } else blocked = true;
    return progress;
  });
}
