import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/store/db';
import { claimRefresh, completeRefresh, findClientSession, insertClientSession } from '@/lib/store/client-sessions';
import { listEvents } from '@/lib/store/events';
import { ensureRun } from '@/lib/store/runs';
import { callNotesApi } from './notes-api';
import type { RefreshDeps } from './refresh';

/**
 * RFC 6749 §6 (the client discards the old refresh token once a new one is
 * issued) against a stand-in authorization server that rotates refresh tokens
 * and, as RFC 9700 §4.14.2 asks, revokes the grant when an old one comes back.
 * Its Notes API holds half of the refused answers until a refresh has finished,
 * so those requests see the 401 only after the rotation: the case that replayed the rotated refresh token and signed the user out.
 */
const as = { n: 0, accessToken: 'at-0', refreshToken: 'rt-0', refreshCalls: 0, replays: 0, revoked: false, rsHits: 0, holdRefreshUntilRsHits: 0 };
let origin = '';

/**
 * Waits on the stand-in's state without a timer: `until(cond)` resolves once
 * `cond()` holds, checked again at every `changed()` (each state change calls it).
 */
let waiters: { cond: () => boolean; resolve: () => void }[] = [];
function changed() {
  const ready = waiters.filter((w) => w.cond());
  waiters = waiters.filter((w) => !ready.includes(w));
  for (const w of ready) w.resolve();
}
function until(cond: () => boolean): Promise<void> {
  return cond() ? Promise.resolve() : new Promise((resolve) => waiters.push({ cond, resolve }));
}
let server: http.Server;

function body(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let b = '';
    req.on('data', (d: Buffer) => (b += d.toString()));
    req.on('end', () => resolve(b));
  });
}

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    if (req.url === '/as/.well-known/openid-configuration') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ issuer: `${origin}/as`, token_endpoint: `${origin}/as/token` }));
    } else if (req.url === '/as/token' && req.method === 'POST') {
      const rt = new URLSearchParams(await body(req)).get('refresh_token');
      as.refreshCalls++;
      changed();
      // The refresh answers only once every concurrent call has been refused by the Notes API,
      // so all of them are past their 401 while it is in flight (the race this file is about).
      await until(() => as.rsHits >= as.holdRefreshUntilRsHits);
      if (as.revoked || rt !== as.refreshToken) {
        if (!as.revoked && rt !== as.refreshToken) as.replays++;
        as.revoked = true; // replay of a rotated refresh token: the whole grant goes
        changed();
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'the refresh token was already used' }));
        return;
      }
      as.n++;
      as.accessToken = `at-${as.n}`;
      as.refreshToken = `rt-${as.n}`;
      changed();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ access_token: as.accessToken, token_type: 'Bearer', expires_in: 300, refresh_token: as.refreshToken, scope: 'openid notes:read offline_access' }));
    } else if (req.url?.startsWith('/rs/api/notes')) {
      const hit = as.rsHits++;
      changed();
      const ok = !as.revoked && req.headers.authorization === `Bearer ${as.accessToken}`;
      // Every other refused answer is held until a refresh has finished (or the grant is gone): those
      // requests read the session before the rotation and learn of the 401 after it.
      if (!ok && hit % 2 === 1) await until(() => as.n > 0 || as.revoked);
      if (ok) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('[]');
      } else {
        res.writeHead(401, { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="the access token has expired"' });
        res.end();
      }
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => Object.assign(as, { n: 0, accessToken: 'at-0', refreshToken: 'rt-0', refreshCalls: 0, replays: 0, revoked: false, rsHits: 0, holdRefreshUntilRsHits: 0 }));

let seq = 0;
function newSession(runId: string) {
  const db = getDb();
  ensureRun(db, runId, Date.now());
  const id = `s-refresh-${++seq}`;
  // The tokens the session holds: an access token the AS no longer accepts ("expired"), the live refresh token.
  insertClientSession(
    db,
    { id, runId, sub: 'alice', scopeRequested: 'openid notes:read offline_access', scopeGranted: 'openid notes:read offline_access', accessToken: 'at-expired', refreshToken: 'rt-0', idToken: null, idTokenClaims: {}, userinfo: null },
    0,
  );
  return findClientSession(db, id)!;
}

const list = { action: 'list', method: 'GET', path: '' } as const;

describe('refresh single-flight per session (RFC 6749 §6, RFC 9700 §4.14.2)', () => {
  it('20 concurrent calls on a session read before its access token expired: one refresh, every call succeeds, the grant stays live', async () => {
    const runId = 'run-refresh-single-flight-01';
    const stale = newSession(runId);
    as.holdRefreshUntilRsHits = 20;
    const results = await Promise.all(Array.from({ length: 20 }, () => callNotesApi({ db: getDb(), origin, runId, wall: Date.now }, stale, list)));
    expect(results.map((r) => r.result.outcome.kind)).toEqual(Array(20).fill('ok'));
    expect(results.every((r) => r.result.refreshFailed === undefined)).toBe(true);
    expect(as.refreshCalls).toBe(1);
    expect(as.replays).toBe(0);
    expect(as.revoked).toBe(false);
    const refreshed = listEvents(getDb(), runId).filter((e) => e.type === 'client.token_refreshed');
    expect(refreshed.map((e) => e.outcome)).toEqual(['ok']);
    // The rotated refresh token replaced the old one; the old one is gone from the store.
    expect(findClientSession(getDb(), stale.id)).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
  });

  it('a request that reads the session after another finished refreshing uses the stored tokens and spends nothing', async () => {
    const runId = 'run-refresh-single-flight-02';
    const stale = newSession(runId);
    expect((await callNotesApi({ db: getDb(), origin, runId, wall: Date.now }, stale, list)).result.outcome.kind).toBe('ok');
    // Same stale row (read before that refresh), called afterwards: no second refresh with rt-0.
    const late = await callNotesApi({ db: getDb(), origin, runId, wall: Date.now }, stale, list);
    expect(late.result.outcome.kind).toBe('ok');
    expect(as.refreshCalls).toBe(1);
    expect(as.revoked).toBe(false);
  });

  it('while another process holds the store claim, a request waits for its tokens instead of spending the refresh token', async () => {
    const runId = 'run-refresh-single-flight-03';
    const stale = newSession(runId);
    const db = getDb();
    // "Process B" claimed the refresh (compare-and-swap on rt-0) and is talking to the AS.
    expect(claimRefresh(db, stale.id, 'rt-0', Date.now(), Date.now() + 10_000)).toBe(true);
    // refreshOnce reads `pollMs` once each time it found the claim held and goes to sleep: counting
    // those reads shows the request waiting, with no fixed sleep here.
    let waits = 0;
    const deps: RefreshDeps = {
      db,
      origin,
      runId,
      wall: Date.now,
      get pollMs() {
        waits++;
        changed();
        return 5;
      },
    };
    const waiting = callNotesApi(deps, stale, list);
    await Promise.race([
      until(() => waits >= 3),
      waiting.then(() => expect.fail(`the request finished after waiting ${waits} times, without the claim holder's tokens`)),
    ]);
    expect(as.rsHits).toBe(1); // it was refused once by the Notes API, then found the claim held three times
    expect(as.refreshCalls).toBe(0);
    // Process B finishes: the AS rotated, B stores the new tokens.
    Object.assign(as, { n: 1, accessToken: 'at-1', refreshToken: 'rt-1' });
    expect(completeRefresh(db, stale.id, 'rt-0', { accessToken: 'at-1', refreshToken: 'rt-1' }, Date.now())).toBe(true);
    const r = await waiting;
    expect(r.result.outcome.kind).toBe('ok');
    expect(as.refreshCalls).toBe(0);
    expect(as.revoked).toBe(false);
  });

  it('the store claim is a compare-and-swap: one holder at a time, and never on a refresh token already rotated away', () => {
    const stale = newSession('run-refresh-single-flight-04');
    const db = getDb();
    const now = 1_000_000;
    expect(claimRefresh(db, stale.id, 'rt-0', now, now + 5000)).toBe(true);
    expect(claimRefresh(db, stale.id, 'rt-0', now + 1, now + 5001)).toBe(false);
    // A claim whose holder died lapses.
    expect(claimRefresh(db, stale.id, 'rt-0', now + 5000, now + 10_000)).toBe(true);
    expect(completeRefresh(db, stale.id, 'rt-0', { accessToken: 'at-9', refreshToken: 'rt-9' }, now)).toBe(true);
    // The old refresh token is discarded: nobody can claim it, nor store a result for it, again.
    expect(claimRefresh(db, stale.id, 'rt-0', now + 20_000, now + 30_000)).toBe(false);
    expect(completeRefresh(db, stale.id, 'rt-0', { accessToken: 'at-x', refreshToken: 'rt-x' }, now)).toBe(false);
    expect(findClientSession(db, stale.id)).toMatchObject({ accessToken: 'at-9', refreshToken: 'rt-9' });
  });
});
