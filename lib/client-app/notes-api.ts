import 'server-only';
import type { Db } from '@/lib/store/db';
import type { ClientSessionRow } from '@/lib/store/client-sessions';
import type { EventInput } from '@/lib/timeline/events';
import { notesApiUrl } from './config';
import type { ActionResult } from './explain';
import { incomingResponse, outgoingRequest, recordClientEvents, tokenViews } from './record';
import { refreshSession } from './refresh';
import type { WallClock } from '@/lib/runs/clock';
import { classifyResourceAnswer, outcomeName, type ResourceOutcome } from './resource-outcome';
import type { NoteAction } from './scopes';
import { OTHER_PARTY_JSON, parseBoundedJson } from '@/lib/http/bounded-json';

/**
 * Notes Assistant calling the Notes API from the server, with the access
 * token it keeps server-side. The browser never sees the token.
 */

export interface NotesCall {
  action: NoteAction;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** '' for the collection, or '/{id}'. */
  path: string;
  json?: unknown;
  /** The note's title, for messages. */
  target?: string;
}

interface NotesContext {
  db: Db;
  origin: string;
  runId?: string | null;
  /** The client's wall clock, for a refresh's claim on the session (refresh.ts). */
  wall: WallClock;
}

interface NotesCallResult {
  result: ActionResult;
  /** The parsed JSON body of a successful answer. */
  data?: unknown;
}

const OUTCOME: Record<ResourceOutcome['kind'], 'ok' | 'denied' | 'error'> = {
  ok: 'ok',
  insufficient_scope: 'denied',
  policy: 'denied',
  invalid_token: 'denied',
  not_found: 'error',
  error: 'error',
  unreachable: 'error',
};

async function send(ctx: NotesContext, accessToken: string, call: NotesCall) {
  const url = `${notesApiUrl(ctx.origin)}${call.path}`;
  const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' };
  // Names the run for the timeline (a name only): a token the Notes API rejects is recorded on the run the request names, never on one the token claims.
  if (ctx.runId) headers['X-Sandbox-Run'] = ctx.runId;
  const body = call.json === undefined ? undefined : JSON.stringify(call.json);
  if (body) headers['Content-Type'] = 'application/json';
  const request = outgoingRequest(call.method, new URL(url).pathname, headers, body);
  let outcome: ResourceOutcome;
  let data: unknown;
  let event: EventInput;
  try {
    const res = await fetch(url, { method: call.method, headers, body, redirect: 'manual', cache: 'no-store' });
    const text = await res.text();
    outcome = classifyResourceAnswer({ status: res.status, headers: res.headers, body: text });
    if (outcome.kind === 'ok' && text) {
      const parsed = parseBoundedJson(text, OTHER_PARTY_JSON);
      data = parsed.ok ? parsed.value : undefined;
    }
    event = {
      from: 'client',
      to: 'resource-server',
      type: 'client.resource_called',
      summary: `Notes Assistant called ${call.method} /rs/api/notes${call.path}: ${res.status} ${outcomeName(outcome)}`,
      outcome: OUTCOME[outcome.kind],
      http: { request, response: incomingResponse(res.status, res.headers, text) },
      tokens: tokenViews({ access_token: accessToken }),
      data: { action: call.action, outcome },
    };
  } catch (e) {
    const detail = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    outcome = { kind: 'unreachable', detail };
    event = {
      from: 'client',
      to: 'resource-server',
      type: 'client.resource_called',
      summary: `Notes Assistant called ${call.method} /rs/api/notes${call.path}: no answer (${detail})`,
      outcome: 'error',
      http: { request },
      data: { action: call.action, outcome },
    };
  }
  recordClientEvents(ctx.runId, [event]);
  return { outcome, data };
}

/**
 * Calls the Notes API. RFC 6750 §3.1: on 401 invalid_token (typically an
 * expired access token) the client refreshes once and retries once; if the
 * refresh fails, the user must sign in again.
 */
export async function callNotesApi(ctx: NotesContext, session: ClientSessionRow, call: NotesCall): Promise<NotesCallResult> {
  const first = await send(ctx, session.accessToken, call);
  const base = { action: call.action, ...(call.target ? { target: call.target } : {}) };
  if (first.outcome.kind !== 'invalid_token') return { result: { ...base, outcome: first.outcome }, data: first.data };

  // RFC 6749 §6 with rotation: single-flight, and the tokens used next are the stored ones, never the row read before.
  const refreshed = await refreshSession(ctx, session.id, session.accessToken);
  if (!refreshed.ok) {
    return { result: { ...base, outcome: first.outcome, refreshFailed: refreshed.description ? `${refreshed.error}: ${refreshed.description}` : refreshed.error } };
  }
  const second = await send(ctx, refreshed.session.accessToken, call);
  // The words follow what the Notes API said (RFC 6750 §3 error_description): expired, revoked, not active...
  const because = first.outcome.description ? { refusedBecause: first.outcome.description } : {};
  return { result: { ...base, outcome: second.outcome, refreshed: true, ...because, rotated: refreshed.rotated }, data: second.data };
}
