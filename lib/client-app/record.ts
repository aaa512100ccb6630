import 'server-only';
import { getDb } from '@/lib/store/db';
import { systemWallClock } from '@/lib/runs/clock';
import type { EventInput, HttpMessage, TokenView } from '@/lib/timeline/events';
import { saveEvents } from '@/lib/timeline/save-events';
import { tokenView } from '@/lib/timeline/token-view';
import { OTHER_PARTY_JSON, parseBoundedJson } from '@/lib/http/bounded-json';
import { isSecretName, secretNamesIn } from '@/lib/timeline/secret-names';

/**
 * Puts the client app's own events on the run's timeline, from a page or a
 * server action (route handlers use handleRoute's recorder instead). The
 * timeline is an observer: a failure to record never fails the app.
 */
export function recordClientEvents(runId: string | undefined | null, events: EventInput[]): void {
  if (!runId || events.length === 0) return;
  try {
    saveEvents(getDb(), runId, events, crypto.randomUUID(), systemWallClock);
  } catch (e) {
    console.error('could not record client events', e);
  }
}

export function tokenViews(t: { access_token?: string; refresh_token?: string; id_token?: string }): TokenView[] {
  const views: TokenView[] = [];
  if (t.access_token) views.push(tokenView('access_token', t.access_token));
  if (t.refresh_token) views.push(tokenView('refresh_token', t.refresh_token));
  if (t.id_token) views.push(tokenView('id_token', t.id_token));
  return views;
}

/** One outgoing request as the client sent it, secrets named (demo values: marked, not hidden). */
export function outgoingRequest(method: string, url: string, headers: Record<string, string>, body?: string): HttpMessage {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  const form = lower['content-type']?.startsWith('application/x-www-form-urlencoded') ? body : undefined;
  return { method, url, headers: lower, ...(body ? { body } : {}), secrets: secretNamesIn(lower, form) };
}

/** A request as it reached the client app (the browser's callback), secrets named. */
export function incomingRequest(request: Request): HttpMessage {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => {
    headers[k] = v;
  });
  // The callback's query carries the code (RFC 6749 §4.1.2): marked like a form field.
  const secrets = secretNamesIn(headers, url.search.slice(1));
  return { method: request.method, url: url.pathname + url.search, headers, secrets };
}

export function incomingResponse(status: number, headers: Headers, body: string): HttpMessage {
  const h: Record<string, string> = {};
  headers.forEach((v, k) => {
    h[k] = v;
  });
  let secrets: string[] = [];
  const parsed = parseBoundedJson(body, OTHER_PARTY_JSON);
  if (parsed.ok && parsed.value && typeof parsed.value === 'object') secrets = Object.keys(parsed.value).filter(isSecretName);
  return { status, headers: h, ...(body ? { body } : {}), secrets };
}
