import 'server-only';
import type { Db } from '@/lib/store/db';
import { findClientSession, updateClientTokens, type ClientSessionRow } from '@/lib/store/client-sessions';
import type { EventInput } from '@/lib/timeline/events';
import { refreshTokens, type RefreshResult } from './authorization-server';
import { notesApiUrl } from './config';
import type { ActionResult } from './explain';
import { incomingResponse, outgoingRequest, recordClientEvents, tokenViews } from './record';
import { classifyResourceAnswer, type ResourceOutcome } from './resource-outcome';
import type { NoteAction } from './scopes';

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

export interface NotesContext {
  db: Db;
  origin: string;
  runId?: string | null;
}

export interface NotesCallResult {
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
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
    }
    event = {
      from: 'client',
      to: 'resource-server',
      type: 'client.resource_called',
      summary: `Notes Assistant called ${call.method} /rs/api/notes${call.path}: ${res.status} ${outcome.kind === 'ok' ? 'ok' : outcome.kind.replace('_', ' ')}`,
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

// One refresh at a time per session: with rotation, two concurrent refreshes
// with the same refresh token would look like a replay (RFC 9700 §4.14.2).
const inFlight = new Map<string, Promise<RefreshResult>>();

/**
 * RFC 6749 §6 with rotation: uses the session's refresh token, stores the new
 * tokens (the new refresh token replaces the old one), and records
 * `client.token_refreshed`.
 */
export async function refreshSession(ctx: NotesContext, session: ClientSessionRow): Promise<RefreshResult> {
  const running = inFlight.get(session.id);
  if (running) return running;
  const p = (async (): Promise<RefreshResult> => {
    if (!session.refreshToken) return { ok: false, error: 'no refresh token', description: 'offline_access was not granted' };
    const r = await refreshTokens(ctx.origin, session.refreshToken);
    if (r.ok) {
      const t = r.tokens;
      updateClientTokens(
        ctx.db,
        session.id,
        {
          accessToken: t.access_token,
          accessTokenExpiresAt: typeof t.expires_in === 'number' ? Math.floor(Date.now() / 1000) + t.expires_in : null,
          refreshToken: t.refresh_token,
          idToken: t.id_token,
          scopeGranted: t.scope,
        },
        Date.now(),
      );
    }
    recordClientEvents(ctx.runId, [
      {
        from: 'client',
        to: 'auth-server',
        type: 'client.token_refreshed',
        summary: r.ok
          ? `Notes Assistant refreshed its access token${r.tokens.refresh_token ? ' (the refresh token was rotated)' : ''}`
          : `Notes Assistant could not refresh its access token: ${r.error}`,
        outcome: r.ok ? 'ok' : 'denied',
        ...(r.wire ? { http: r.wire } : {}),
        ...(r.ok ? { tokens: tokenViews(r.tokens) } : {}),
        data: r.ok ? { scope: r.tokens.scope, rotated: Boolean(r.tokens.refresh_token) } : { error: r.error, error_description: r.description },
      },
    ]);
    return r;
  })();
  inFlight.set(session.id, p);
  try {
    return await p;
  } finally {
    inFlight.delete(session.id);
  }
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

  const refreshed = await refreshSession(ctx, session);
  if (!refreshed.ok) {
    return { result: { ...base, outcome: first.outcome, refreshFailed: refreshed.description ? `${refreshed.error}: ${refreshed.description}` : refreshed.error } };
  }
  const updated = findClientSession(ctx.db, session.id) ?? session;
  const second = await send(ctx, updated.accessToken, call);
  // The words follow what the Notes API said (RFC 6750 §3 error_description): expired, revoked, not active...
  const because = first.outcome.description ? { refusedBecause: first.outcome.description } : {};
  return { result: { ...base, outcome: second.outcome, refreshed: true, ...because, rotated: Boolean(refreshed.tokens.refresh_token) }, data: second.data };
}
