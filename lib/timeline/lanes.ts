import { PARTIES, PROTOCOL_PARTIES, type Outcome, type Party, type TimelineEvent } from './events';

/** The lane names, in the words the sequence view and the tests use. */
export const PARTY_LABEL: Record<Party, string> = {
  sandbox: 'Sandbox',
  attacker: 'Attacker',
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

/**
 * The lanes to draw for these events, left to right: the four protocol
 * parties always, Sandbox and Attacker only when an event uses them.
 */
export function visibleLanes(events: readonly Pick<TimelineEvent, 'from' | 'to'>[]): Party[] {
  const used = new Set<Party>(PROTOCOL_PARTIES);
  for (const e of events) used.add(e.from).add(e.to);
  return PARTIES.filter((p) => used.has(p));
}

/** Lane position among `lanes` (by default the four protocol parties: Browser, Client, Authorization server, Resource server). */
export function laneIndex(party: Party, lanes: readonly Party[] = PROTOCOL_PARTIES): number {
  return lanes.indexOf(party);
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
export function arrowFor(event: Pick<TimelineEvent, 'from' | 'to'>, lanes: readonly Party[] = PROTOCOL_PARTIES): Arrow {
  const from = laneIndex(event.from, lanes);
  const to = laneIndex(event.to, lanes);
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
