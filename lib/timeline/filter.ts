import { PARTIES, type Outcome, type Party, type TimelineEvent } from './events';

export const OUTCOMES: readonly Outcome[] = ['ok', 'denied', 'error', 'info'];

export interface TimelineFilter {
  parties: readonly Party[];
  outcomes: readonly Outcome[];
}

export const SHOW_ALL: TimelineFilter = { parties: PARTIES, outcomes: OUTCOMES };

/** Events that involve one of the chosen parties (as sender or receiver) and have one of the chosen outcomes. */
export function filterEvents<E extends Pick<TimelineEvent, 'from' | 'to' | 'outcome'>>(events: readonly E[], filter: TimelineFilter): E[] {
  return events.filter(
    (e) => (filter.parties.includes(e.from) || filter.parties.includes(e.to)) && filter.outcomes.includes(e.outcome),
  );
}

type Ordered = Pick<TimelineEvent, 'seq' | 'at' | 'causalAt'>;

/**
 * Causal order: by when each event happened (causalAt, or the time it was
 * stored for an event without one), then by seq. A back-channel exchange
 * stored before the request that caused it is drawn inside it: the API
 * call, the request RS → AS, the answer AS → RS, then the decision.
 */
export function byCausalOrder(a: Ordered, b: Ordered): number {
  return (a.causalAt ?? a.at) - (b.causalAt ?? b.at) || a.seq - b.seq;
}

/** Merges newly arrived events into the list: in causal order, each seq once (a resumed stream may repeat one). */
export function mergeEvents<E extends Ordered>(current: readonly E[], incoming: readonly E[]): E[] {
  if (incoming.length === 0) return current as E[];
  const bySeq = new Map(current.map((e) => [e.seq, e]));
  for (const e of incoming) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort(byCausalOrder);
}
