import type { EventType, Outcome, Party, TimelineEvent } from './events';
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
export function requestKey(e: Pick<TimelineEvent, 'http'>): string | undefined {
  const req = e.http?.request;
  if (!req?.method || !req.url) return undefined;
  try {
    return `${req.method} ${new URL(req.url, 'http://x').pathname}`;
  } catch {
    return undefined;
  }
}

/**
 * The events that record an answer, and the party that gives it. Parties
 * record some of them asker → answerer (the authorization server files
 * `token.issued` under the client's request to its token endpoint), others
 * answerer → asker; the diagram draws every one the way the protocol sends
 * it: the request from the asker to the answerer, the answer back from the
 * answerer to the asker (RFC 6749 §4.1.2, §5.1, §5.2; RFC 7662 §2.2;
 * OpenID Connect Core §5.3.2; RFC 7591 §3.2; RFC 6750 §3).
 */
const ANSWERER: Partial<Record<EventType, Party>> = {
  'authorization_code.issued': 'auth-server',
  'authorization_request.rejected': 'auth-server',
  'consent.shown': 'auth-server',
  'token.issued': 'auth-server',
  'token.refreshed': 'auth-server',
  'token_request.rejected': 'auth-server',
  'introspection.answered': 'auth-server',
  'userinfo.answered': 'auth-server',
  'client.registered': 'auth-server',
  'client_registration.rejected': 'auth-server',
  'client.tokens_received': 'auth-server',
  'failure.injected': 'auth-server',
  'resource.answered': 'resource-server',
};

/**
 * Where an event's arrow runs. An event carrying its HTTP request is the
 * request (and its answer's status): asker → answerer, solid. An answer
 * without its request is the answer: answerer → asker, dashed. The sandbox's
 * own controls are never an answer (a failure planned from the sandbox is the
 * sandbox's act).
 */
export function arrowEnds(e: Pick<TimelineEvent, 'type' | 'from' | 'to' | 'http'>): { from: Party; to: Party; response: boolean } {
  const answerer = ANSWERER[e.type];
  const asker = answerer === e.from ? e.to : answerer === e.to ? e.from : undefined;
  if (!answerer || !asker || asker === answerer || asker === 'sandbox') return { from: e.from, to: e.to, response: false };
  return requestKey(e) ? { from: asker, to: answerer, response: false } : { from: answerer, to: asker, response: true };
}

/** How many rows back a second record of the same request may be found. */
const SAME_REQUEST_WINDOW = 8;

/**
 * The client's callback (RFC 6749 §4.1.2) is recorded on the event that ends
 * it, `client.tokens_received` (auth-server → client), with the browser's GET
 * of the callback as its raw HTTP. People draw it as three things: the
 * browser's GET to the client; the code exchange (client ⇄ authorization
 * server, its own arrows, recorded by the authorization server); then the
 * client's answer to the browser (the redirect with its session cookie).
 */
function isCallbackExchange(e: TimelineEvent): boolean {
  return e.type === 'client.tokens_received' && e.http?.request?.method === 'GET' && e.http.response !== undefined;
}

type ArrowRow = Extract<DiagramRow, { kind: 'arrow' }>;

/** The request's query parameters, sorted, or undefined when it has none (or no request). */
function queryOf(e: Pick<TimelineEvent, 'http'>): string | undefined {
  const url = e.http?.request?.url;
  if (!url) return undefined;
  try {
    const q = new URL(url, 'http://x').searchParams;
    q.sort();
    return q.toString() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Both ends of one request saw the same request target (RFC 9110 §7.1): when
 * both records carry a query, it is the same query. Two authorization
 * requests to one path with another client_id are two requests.
 */
function sameTarget(a: Pick<TimelineEvent, 'http'>, b: Pick<TimelineEvent, 'http'>): boolean {
  const qa = queryOf(a);
  const qb = queryOf(b);
  return qa === undefined || qb === undefined || qa === qb;
}

/**
 * One HTTP request recorded by both its ends (the client's call and the
 * resource server's receipt, the client's refresh and the authorization
 * server's token request) is one arrow: a record finds its twin among the
 * last rows, nearest first, an arrow with the same ends and request line that
 * holds one record only, from another exchange, with no other status. An
 * arrow takes at most one twin, so a second request to the same path (the
 * client listing the notes again after a write) is an arrow of its own.
 */
function twinOf(rows: readonly DiagramRow[], records: ReadonlyMap<ArrowRow, TimelineEvent[]>, e: TimelineEvent, from: number, to: number, key: string): ArrowRow | undefined {
  const status = e.http?.response?.status;
  for (let i = rows.length - 1; i >= Math.max(0, rows.length - SAME_REQUEST_WINDOW); i--) {
    const r = rows[i]!;
    if (r.kind !== 'arrow' || r.from !== from || r.to !== to || r.label.replace(/^injected: /, '') !== key) continue;
    const held = records.get(r) ?? [];
    if (held.length !== 1) continue;
    const other = held[0]!;
    if (e.exchange !== undefined && other.exchange === e.exchange) continue;
    // Two records of one type are made by the same party: two requests (two sign-ins started back to back), never the two ends of one.
    if (other.type === e.type) continue;
    if (!sameTarget(other, e)) continue;
    if (status !== undefined && r.status !== undefined && status !== r.status) continue;
    return r;
  }
  return undefined;
}

export function diagramRows(events: readonly TimelineEvent[], lanes: readonly Party[]): DiagramRow[] {
  const rows: DiagramRow[] = [];
  /** The records of one request each arrow stands for (at most two: its two ends). */
  const records = new Map<ArrowRow, TimelineEvent[]>();
  const browser = laneIndex('browser', lanes);
  const client = laneIndex('client', lanes);
  const as = laneIndex('auth-server', lanes);
  /** The callback's end (the redirect to the browser, tokens kept), drawn once the code exchange inside it is drawn. */
  let callbackEnd: DiagramRow[] = [];
  const callbackSeqs = new Set<number>();
  const insideCallback = (from: number, to: number) => [client, as].includes(from) && [client, as].includes(to);
  for (const e of events) {
    const ends = arrowEnds(e);
    const from = laneIndex(ends.from, lanes);
    const to = laneIndex(ends.to, lanes);
    if (from < 0 || to < 0) continue;
    if (callbackEnd.length && !insideCallback(from, to) && !(from === browser && to === client && requestKey(e) === callbackKey(callbackEnd))) {
      rows.push(...callbackEnd);
      callbackEnd = [];
    }
    if (isCallbackExchange(e) && browser >= 0 && client >= 0) {
      const key = requestKey(e)!;
      // The browser's GET may already be drawn from the client's own record of it (client.callback_received).
      const twin = twinOf(rows, records, e, browser, client, key);
      if (twin) {
        twin.seqs.push(e.seq);
        records.get(twin)!.push(e);
      } else {
        const row: ArrowRow = { kind: 'arrow', seqs: [e.seq], from: browser, to: client, label: key, outcome: 'info', response: false };
        rows.push(row);
        records.set(row, [e]);
      }
      callbackSeqs.add(e.seq);
      // The answer carries the tokens_received event (its detail shows the tokens kept): no extra row, so a flow still fits one screen.
      callbackEnd = [{ kind: 'arrow', seqs: [e.seq], from: client, to: browser, label: key, status: e.http!.response!.status, outcome: e.outcome, response: true }];
      continue;
    }
    if (from === to) {
      const last = rows[rows.length - 1];
      const mark = { seq: e.seq, lane: from, outcome: e.outcome, type: e.type };
      if (last?.kind === 'marks') last.marks.push(mark);
      else rows.push({ kind: 'marks', marks: [mark] });
      continue;
    }
    const key = requestKey(e);
    const status = e.http?.response?.status;
    const twin = key ? twinOf(rows, records, e, from, to, key) : undefined;
    if (twin) {
      // The arrow is named by the event whose direction it draws: the client's record of the callback, not the tokens that end it.
      if (callbackSeqs.has(twin.seqs[0]!)) twin.seqs.unshift(e.seq);
      else twin.seqs.push(e.seq);
      records.get(twin)!.push(e);
      twin.status ??= status;
      if (e.injected && !twin.label.startsWith('injected: ')) twin.label = `injected: ${twin.label}`;
      if (e.outcome !== 'info' && e.outcome !== 'ok') twin.outcome = e.outcome;
      continue;
    }
    const row: ArrowRow = {
      kind: 'arrow',
      seqs: [e.seq],
      from,
      to,
      // A failure on demand is marked on its arrow, so nobody mistakes it for a real fault.
      label: `${e.injected ? 'injected: ' : ''}${key ?? e.type}`,
      ...(status !== undefined ? { status } : {}),
      outcome: e.outcome,
      response: ends.response,
    };
    rows.push(row);
    records.set(row, [e]);
  }
  rows.push(...callbackEnd);
  return rows;
}

/** The callback request's label, from the deferred answer arrow. */
function callbackKey(end: readonly DiagramRow[]): string | undefined {
  const answer = end.find((r) => r.kind === 'arrow');
  return answer?.kind === 'arrow' ? answer.label : undefined;
}
