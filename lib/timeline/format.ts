import type { HttpMessage, TimelineEvent } from './events';
import { laneRoute, OUTCOME_LABEL } from './lanes';
import { DISPLAY_JSON, parseBoundedJson } from '@/lib/http/bounded-json';
import { safeClockTime, safeJson } from './safe-format';

/**
 * One line per event that reads as the protocol does:
 * "Client → Authorization server: POST /as/token (authorization_code + PKCE verifier)".
 * A step inside one party names only that party: "Resource server: signature valid (kid ...)".
 */
export function eventHeadline(event: Pick<TimelineEvent, 'from' | 'to' | 'summary'>): string {
  return `${laneRoute(event)}: ${event.summary}`;
}

/** The accessible name of an event in the list: its number, its headline and its outcome. */
export function eventAccessibleName(event: Pick<TimelineEvent, 'seq' | 'from' | 'to' | 'summary' | 'outcome'>): string {
  return `#${event.seq} ${eventHeadline(event)} (${OUTCOME_LABEL[event.outcome]})`;
}

/** "POST /as/token → 400", from the raw exchange, when the event has one. */
export function httpLine(http: TimelineEvent['http']): string | undefined {
  const req = http?.request;
  const res = http?.response;
  if (!req && !res) return undefined;
  const left = req ? `${req.method ?? ''} ${req.url ?? ''}`.trim() : '';
  const right = res?.status !== undefined ? `→ ${res.status}` : '';
  return [left, right].filter(Boolean).join(' ');
}

/** Local wall-clock time of an event, HH:MM:SS.mmm, for the list (time zone of the viewer); never throws on an imported `at`. */
export function eventTime(atMs: number): string {
  return safeClockTime(atMs);
}

export interface MessageLine {
  name: string;
  value: string;
  /** A demo secret: shown, and marked as a secret. */
  secret: boolean;
}

/** Headers of a raw HTTP message, each marked when `secrets` names it (case-insensitive). */
export function headerLines(message: HttpMessage): MessageLine[] {
  const secrets = new Set((message.secrets ?? []).map((s) => s.toLowerCase()));
  return Object.entries(message.headers).map(([name, value]) => ({ name, value, secret: secrets.has(name.toLowerCase()) }));
}

/**
 * A form-encoded body split into its fields, each marked when `secrets` names
 * it; undefined for a body that is not a form (JSON, HTML), shown raw instead.
 */
export function formBodyLines(message: HttpMessage): MessageLine[] | undefined {
  const type = Object.entries(message.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  if (!message.body || !type.includes('application/x-www-form-urlencoded')) return undefined;
  const secrets = new Set(message.secrets ?? []);
  return [...new URLSearchParams(message.body)].map(([name, value]) => ({ name, value, secret: secrets.has(name) }));
}

/** A JSON body pretty-printed, or the body as it came when it is not JSON. */
export function prettyBody(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  // Bounded: a recorded body nested thousands deep is shown as it came, not re-stringified (that recursion overflowed).
  const parsed = parseBoundedJson(body, DISPLAY_JSON);
  return parsed.ok ? safeJson(parsed.value) : body;
}

/** JSON body fields that `secrets` names (access_token in a token response, ...), for marking. */
export function secretJsonFields(message: HttpMessage): string[] {
  if (!message.body || !message.secrets?.length) return [];
  const parsed = parseBoundedJson(message.body, DISPLAY_JSON);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return [];
  return Object.keys(parsed.value).filter((k) => message.secrets!.includes(k));
}

/**
 * A diagram label cut into the pieces a line may break between: after each
 * `/ . _ ? &` (a path's segments, an event type's noun and verb), so a narrow
 * lane breaks "GET /api/auth/callback/sandbox" at a slash, never inside
 * "callback". The pieces joined are the label unchanged.
 */
export function labelBreakPieces(label: string): string[] {
  return label.split(/(?<=[/._?&])(?=.)/u);
}
