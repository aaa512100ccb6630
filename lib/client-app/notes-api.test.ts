import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/store/db';
import { findClientSession, insertClientSession, type ClientSessionRow } from '@/lib/store/client-sessions';
import { listEvents } from '@/lib/store/events';
import { ensureRun } from '@/lib/store/runs';
import { callNotesApi } from './notes-api';

// A stand-in origin whose Notes API says the token expired and whose
// authorization server is down: the sandbox's own servers do not run in unit tests.
let origin = '';
let server: http.Server;
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    if (req.url?.startsWith('/rs/api/notes')) {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="notes-api", error="invalid_token", error_description="the access token has expired"' });
      res.end();
    } else {
      res.writeHead(503);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function session(id: string, runId: string, refreshToken: string | null): ClientSessionRow {
  const db = getDb();
  ensureRun(db, runId, Date.now());
  insertClientSession(
    db,
    {
      id,
      runId,
      sub: 'alice',
      scopeRequested: 'openid notes:read',
      scopeGranted: 'openid notes:read',
      accessToken: 'at-1',
      refreshToken,
      idToken: null,
      idTokenClaims: {},
      userinfo: null,
    },
    0,
  );
  return findClientSession(db, id)!;
}

describe('Notes Assistant calling the Notes API (RFC 6750 §3.1, RFC 6749 §6)', () => {
  it('a Notes API that does not answer gives an unreachable outcome and an error event, not a throw', async () => {
    const runId = 'run-unreachable-0000000000';
    const s = session('s-unreachable', runId, null);
    const { result } = await callNotesApi({ db: getDb(), origin: 'http://127.0.0.1:1', runId, wall: Date.now }, s, { action: 'list', method: 'GET', path: '' });
    expect(result.outcome.kind).toBe('unreachable');
    const events = listEvents(getDb(), runId);
    expect(events.map((e) => [e.type, e.outcome])).toEqual([['client.resource_called', 'error']]);
    expect(events[0]!.http?.request?.secrets).toContain('authorization');
  });

  it('§3.1 on 401 invalid_token without a refresh token it asks for a new sign-in and does not retry', async () => {
    seen.length = 0;
    const runId = 'run-no-refresh-00000000000';
    const s = session('s-no-refresh', runId, null);
    const { result } = await callNotesApi({ db: getDb(), origin, runId, wall: Date.now }, s, { action: 'list', method: 'GET', path: '' });
    expect(result.outcome).toEqual({ kind: 'invalid_token', status: 401, description: 'the access token has expired' });
    expect(result.refreshFailed).toBe('no refresh token: offline_access was not granted');
    expect(seen).toEqual(['GET /rs/api/notes Bearer at-1']);
  });

  it('§6 when the authorization server is down the refresh fails, is recorded, and the tokens are kept', async () => {
    seen.length = 0;
    const runId = 'run-as-down-000000000000000';
    const s = session('s-as-down', runId, 'rt-1');
    const { result } = await callNotesApi({ db: getDb(), origin, runId, wall: Date.now }, s, { action: 'create', method: 'POST', path: '', json: { title: 'x' } });
    expect(result.outcome.kind).toBe('invalid_token');
    expect(result.refreshFailed).toBe('unreachable: discovery answered 503');
    expect(seen).toEqual(['POST /rs/api/notes Bearer at-1', 'GET /as/.well-known/openid-configuration ']);
    expect(listEvents(getDb(), runId).map((e) => [e.type, e.outcome])).toEqual([
      ['client.resource_called', 'denied'],
      ['client.token_refreshed', 'denied'],
    ]);
    expect(findClientSession(getDb(), 's-as-down')?.refreshToken).toBe('rt-1');
  });
});
