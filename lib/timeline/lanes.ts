import { PARTIES, type Outcome, type Party, type TimelineEvent } from './events';

/** The lane names, in the words the sequence view and the tests use. */
export const PARTY_LABEL: Record<Party, string> = {
  browser: 'Browser',
  client: 'Client',
  'auth-server': 'Authorization server',
  'resource-server': 'Resource server',
};

export const OUTCOME_LABEL: Record<Outcome, string> = {
  ok: 'ok',
  denied: 'denied',
  error: 'error',
  info: 'info',
};

/** Lane position, left to right: Browser, Client, Authorization server, Resource server. */
export function laneIndex(party: Party): number {
  return PARTIES.indexOf(party);
}

export interface Arrow {
  /** Lane the arrow starts from (0-based). */
  from: number;
  /** Lane the arrow points to (0-based). */
  to: number;
  /** Leftmost and rightmost lane the arrow spans. */
  left: number;
  right: number;
  direction: 'right' | 'left' | 'self';
}

/** Where an event's arrow runs in the four-lane sequence view. An event within one party is a mark on its lane. */
export function arrowFor(event: Pick<TimelineEvent, 'from' | 'to'>): Arrow {
  const from = laneIndex(event.from);
  const to = laneIndex(event.to);
  return {
    from,
    to,
    left: Math.min(from, to),
    right: Math.max(from, to),
    direction: from === to ? 'self' : to > from ? 'right' : 'left',
  };
}

/** "Client → Authorization server", or "Resource server" for a step inside one party. */
export function laneRoute(event: Pick<TimelineEvent, 'from' | 'to'>): string {
  return event.from === event.to ? PARTY_LABEL[event.from] : `${PARTY_LABEL[event.from]} → ${PARTY_LABEL[event.to]}`;
}
