import type { Outcome, Party, TimelineEvent } from './events';
import { laneIndex } from './lanes';

/**
 * The rows of the sequence diagram, computed from the events in the order
 * given (the order is causal: a back-channel call comes inside the request
 * that caused it). An event between two parties is an arrow labelled with
 * its HTTP request (or its type); a party's own step (a check, a decision)
 * is a mark on its lifeline, and consecutive marks share a row. One HTTP
 * request recorded by both ends (the client's call and the resource
 * server's receipt) is drawn once.
 */
export interface DiagramMark {
  seq: number;
  lane: number;
  outcome: Outcome;
  type: string;
}

export type DiagramRow =
  | { kind: 'arrow'; seqs: number[]; from: number; to: number; label: string; status?: number; outcome: Outcome; response: boolean }
  | { kind: 'marks'; marks: DiagramMark[] };

/** The request's method and path, without the origin or the query. */
function requestKey(e: Pick<TimelineEvent, 'http'>): string | undefined {
  const req = e.http?.request;
  if (!req?.method || !req.url) return undefined;
  try {
    return `${req.method} ${new URL(req.url, 'http://x').pathname}`;
  } catch {
    return undefined;
  }
}

/** An answer coming back (a resource server's answer, an issued code or token) is drawn dashed. */
const RESPONSE_TYPES = new Set(['resource.answered', 'authorization_code.issued', 'token.issued', 'token.refreshed', 'introspection.answered', 'userinfo.answered']);

/** How many rows back a second record of the same request may be found. */
const SAME_REQUEST_WINDOW = 8;

export function diagramRows(events: readonly TimelineEvent[], lanes: readonly Party[]): DiagramRow[] {
  const rows: DiagramRow[] = [];
  for (const e of events) {
    const from = laneIndex(e.from, lanes);
    const to = laneIndex(e.to, lanes);
    if (from < 0 || to < 0) continue;
    if (from === to) {
      const last = rows[rows.length - 1];
      const mark = { seq: e.seq, lane: from, outcome: e.outcome, type: e.type };
      if (last?.kind === 'marks') last.marks.push(mark);
      else rows.push({ kind: 'marks', marks: [mark] });
      continue;
    }
    const key = requestKey(e);
    const status = e.http?.response?.status;
    if (key) {
      const twin = rows
        .slice(-SAME_REQUEST_WINDOW)
        .find((r): r is Extract<DiagramRow, { kind: 'arrow' }> => r.kind === 'arrow' && r.from === from && r.to === to && r.label.replace(/^injected: /, '') === key);
      if (twin) {
        twin.seqs.push(e.seq);
        twin.status ??= status;
        if (e.injected && !twin.label.startsWith('injected: ')) twin.label = `injected: ${twin.label}`;
        if (e.outcome !== 'info' && e.outcome !== 'ok') twin.outcome = e.outcome;
        continue;
      }
    }
    rows.push({
      kind: 'arrow',
      seqs: [e.seq],
      from,
      to,
      // A failure on demand is marked on its arrow, so nobody mistakes it for a real fault.
      label: `${e.injected ? 'injected: ' : ''}${key ?? e.type}`,
      ...(status !== undefined ? { status } : {}),
      outcome: e.outcome,
      response: !key && RESPONSE_TYPES.has(e.type),
    });
  }
  return rows;
}
