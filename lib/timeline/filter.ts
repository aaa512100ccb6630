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

/** Merges newly arrived events into the list: ordered by seq, each seq once (a resumed stream may repeat one). */
export function mergeEvents<E extends Pick<TimelineEvent, 'seq'>>(current: readonly E[], incoming: readonly E[]): E[] {
  if (incoming.length === 0) return current as E[];
  const bySeq = new Map(current.map((e) => [e.seq, e]));
  for (const e of incoming) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
