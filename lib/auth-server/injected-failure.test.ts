import { describe, expect, it, vi } from 'vitest';
import type { RouteContext } from '@/lib/http/handle-route';
import { jsonResponse } from '@/lib/http/json-response';
import { Params } from '@/lib/oauth/params';
import { insertAuthorizationCode } from '@/lib/store/authorization-codes';
import { openDb, type Db } from '@/lib/store/db';
import { insertGrant } from '@/lib/store/grants';
import { listFailurePlans, saveFailurePlan } from '@/lib/store/injected-failures';
import { insertRefreshToken } from '@/lib/store/refresh-tokens';
import { insertRegisteredClient } from '@/lib/store/registered-clients';
import { ensureRun } from '@/lib/store/runs';
import type { EventInput } from '@/lib/timeline/events';
import type { FailureEndpoint, FailureKind } from '@/lib/timeline/failure-plan';
import type { Recorder } from '@/lib/timeline/recorder';
import { presentedTokenRun, requestNamedRun, tokenRequestRun, withInjectedFailure } from './injected-failure';
import { randomToken, tokenHash } from './token-hash';

/**
 * Failures on demand (issue 12), without HTTP: which run a request is for,
 * and what an endpoint answers and records when that run has a failure
 * planned. tests/integration/failures-on-demand.test.ts checks the same over
 * HTTP, through the routes.
 */

const ORIGIN = 'http://localhost:3000';
const RUN = 'failure-run-aaaaaaaaaaaaaaaa';
const OTHER_RUN = 'failure-run-bbbbbbbbbbbbbbbb';
/** What every injected answer says of itself, so nobody mistakes it for a real fault. */
const INJECTED = 'injected on purpose by the sandbox';

/** A fresh store with two runs. */
function store(): Db {
  const db = openDb(':memory:');
  ensureRun(db, RUN, 0);
  ensureRun(db, OTHER_RUN, 0);
  return db;
}

/** A recorder that also keeps what useRun was told (the run, and whether only the request named it). */
function spyRecorder() {
  const r = {
    events: [] as EventInput[],
    useRunCalls: [] as [string, string | undefined][],
    record(e: EventInput) {
      r.events.push(e);
    },
    useRun(id: string, basis?: 'request') {
      r.useRunCalls.push([id, basis]);
    },
  };
  return r;
}

function context(db: Db, recorder: Recorder = spyRecorder(), requestRunId?: string): RouteContext {
  const request = new Request(`${ORIGIN}/as/token`, { method: 'POST' });
  return {
    request,
    url: new URL(request.url),
    origin: ORIGIN,
    db,
    recorder,
    ...(requestRunId ? { requestRunId } : {}),
    runs: requestRunId ? { named: requestRunId } : {},
    bodyText: async () => '',
  };
}

/** The endpoint's real answer, counted. */
function realAnswer() {
  const calls: RouteContext[] = [];
  const answer = async (x: RouteContext) => (calls.push(x), jsonResponse({ real: true }));
  return { calls, answer };
}

/** A grant of `runId`, and a code and a refresh token from it, as the authorization endpoint and the token endpoint store them. */
function seedCredentials(db: Db, runId: string) {
  const grantId = randomToken(12);
  insertGrant(db, { id: grantId, runId, clientId: 'cli', userId: 'alice', scope: 'openid', resource: `${ORIGIN}/rs`, authTime: 0, nonce: null, createdAt: 0 });
  const code = randomToken();
  insertAuthorizationCode(db, {
    codeHash: tokenHash(code),
    grantId,
    runId,
    clientId: 'cli',
    redirectUri: 'http://127.0.0.1:53117/callback',
    redirectUriInRequest: true,
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    expiresAt: 60,
  });
  const refreshToken = randomToken();
  insertRefreshToken(db, { tokenHash: tokenHash(refreshToken), grantId, runId, clientId: 'cli', scope: 'openid', issuedAt: 0, expiresAt: 3600 });
  return { code, refreshToken };
}

const tokenForm = (pairs: [string, string][]) => Params.fromForm(new URLSearchParams(pairs).toString());

describe('tokenRequestRun: the run a token request is failed for (issue 12)', () => {
  it('a request that names its run is failed for that run, marked as named by the request only', () => {
    const db = store();
    expect(tokenRequestRun({ db, requestRunId: RUN }, tokenForm([]))).toStrictEqual({ runId: RUN, basis: 'request' });
  });

  it('with no failure planned at the token endpoint, a request naming no run is for no run, even when its client belongs to a run', () => {
    const db = store();
    insertRegisteredClient(db, { clientId: 'registered-1', runId: RUN, clientSecretHash: null, metadata: '{}', issuedAt: 0 });
    // A plan at another endpoint does not count.
    saveFailurePlan(db, RUN, { endpoint: 'jwks', kind: 'unreachable', remaining: 1 });
    expect(tokenRequestRun({ db }, tokenForm([['client_id', 'registered-1']]))).toBeUndefined();
  });

  it('finds the run of the registered client, else of the code, else of the refresh token (a next-auth token request carries no run header)', () => {
    const db = store();
    const codeRun = 'failure-run-cccccccccccccccc';
    const refreshRun = 'failure-run-dddddddddddddddd';
    ensureRun(db, codeRun, 0);
    ensureRun(db, refreshRun, 0);
    insertRegisteredClient(db, { clientId: 'registered-1', runId: RUN, clientSecretHash: null, metadata: '{}', issuedAt: 0 });
    const { code } = seedCredentials(db, codeRun);
    const { refreshToken } = seedCredentials(db, refreshRun);
    saveFailurePlan(db, OTHER_RUN, { endpoint: 'token', kind: 'invalid_grant', remaining: 1 });
    const run = (pairs: [string, string][]) => tokenRequestRun({ db }, tokenForm(pairs));

    expect(run([['client_id', 'registered-1']])).toStrictEqual({ runId: RUN });
    expect(run([['code', code]])).toStrictEqual({ runId: codeRun });
    expect(run([['refresh_token', refreshToken]])).toStrictEqual({ runId: refreshRun });
    // In that order: the client's run first, then the code's.
    expect(run([['client_id', 'registered-1'], ['code', code], ['refresh_token', refreshToken]])).toStrictEqual({ runId: RUN });
    expect(run([['code', code], ['refresh_token', refreshToken]])).toStrictEqual({ runId: codeRun });
    // A client of the sandbox's own list (no run of its own) or an unknown one: on to the code, the refresh token.
    expect(run([['client_id', 'cli'], ['code', code]])).toStrictEqual({ runId: codeRun });
    expect(run([['client_id', 'cli'], ['code', 'no-such-code'], ['refresh_token', refreshToken]])).toStrictEqual({ runId: refreshRun });
    expect(run([['client_id', 'no-such-client'], ['code', 'no-such-code'], ['refresh_token', 'no-such-token']])).toBeUndefined();
    expect(run([])).toBeUndefined();
  });

  it('a parameter sent twice names no run (RFC 6749 §3.2: the token endpoint refuses the request itself)', () => {
    const db = store();
    insertRegisteredClient(db, { clientId: 'registered-1', runId: RUN, clientSecretHash: null, metadata: '{}', issuedAt: 0 });
    const { code } = seedCredentials(db, RUN);
    saveFailurePlan(db, RUN, { endpoint: 'token', kind: 'invalid_grant', remaining: 1 });
    expect(tokenRequestRun({ db }, tokenForm([['client_id', 'registered-1'], ['client_id', 'cli']]))).toBeUndefined();
    expect(tokenRequestRun({ db }, tokenForm([['code', code], ['code', 'other']]))).toBeUndefined();
  });
});

describe('presentedTokenRun and requestNamedRun: the run of an introspection, UserInfo or JWKS request (issue 12)', () => {
  it('a request that names its run is for that run, marked as named by the request only; the token is not looked up', async () => {
    const db = store();
    const find = vi.fn(async () => OTHER_RUN);
    expect(await presentedTokenRun(context(db, undefined, RUN), 'userinfo', 'tok', find)).toStrictEqual({ runId: RUN, basis: 'request' });
    expect(find).not.toHaveBeenCalled();
    expect(requestNamedRun({ requestRunId: RUN })).toStrictEqual({ runId: RUN, basis: 'request' });
  });

  it('else the presented token’s own run, looked up only when some run has a failure planned at this endpoint', async () => {
    const db = store();
    const find = vi.fn(async (token: string) => (token === 'tok' ? OTHER_RUN : undefined));
    saveFailurePlan(db, RUN, { endpoint: 'introspection', kind: 'refused', remaining: 1 });
    expect(await presentedTokenRun(context(db), 'userinfo', 'tok', find)).toBeUndefined();
    expect(find).not.toHaveBeenCalled();
    expect(await presentedTokenRun(context(db), 'introspection', undefined, find)).toBeUndefined();
    expect(find).not.toHaveBeenCalled();
    expect(await presentedTokenRun(context(db), 'introspection', 'tok', find)).toStrictEqual({ runId: OTHER_RUN });
    expect(find).toHaveBeenCalledWith('tok');
    expect(await presentedTokenRun(context(db), 'introspection', 'unknown', find)).toBeUndefined();
  });

  it('a JWKS request that names no run is for no run: the key set is every run’s', () => {
    expect(requestNamedRun({})).toBeUndefined();
  });
});

/** One case per kind: the status, error and headers a real failure of that kind has. */
interface KindCase {
  endpoint: FailureEndpoint;
  kind: Exclude<FailureKind, 'delay'>;
  status: number;
  /** RFC 6749 §5.2 error code, or undefined for the JWKS's problem document. */
  error?: string;
  headers: Record<string, string | null>;
  /** The event the endpoint's answer is recorded as (the JWKS records none of its own). */
  answer: Pick<EventInput, 'type' | 'from' | 'to'>;
}

const KIND_CASES: KindCase[] = [
  // RFC 6749 §5.2: 400 invalid_grant, JSON, no-store.
  {
    endpoint: 'token',
    kind: 'invalid_grant',
    status: 400,
    error: 'invalid_grant',
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache', 'retry-after': null, 'www-authenticate': null },
    answer: { type: 'token_request.rejected', from: 'client', to: 'auth-server' },
  },
  // RFC 6749 §5.2 temporarily_unavailable as the 503 it stands for, with RFC 9110 §10.2.3 Retry-After.
  {
    endpoint: 'token',
    kind: 'temporarily_unavailable',
    status: 503,
    error: 'temporarily_unavailable',
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'retry-after': '1' },
    answer: { type: 'token_request.rejected', from: 'client', to: 'auth-server' },
  },
  {
    endpoint: 'token',
    kind: 'server_error',
    status: 500,
    error: 'server_error',
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'retry-after': null },
    answer: { type: 'token_request.rejected', from: 'client', to: 'auth-server' },
  },
  // RFC 7662 §2.3 → RFC 6749 §5.2: the caller's credentials refused, 401 with a Basic challenge.
  {
    endpoint: 'introspection',
    kind: 'refused',
    status: 401,
    error: 'invalid_client',
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'www-authenticate': 'Basic realm="as", charset="UTF-8"' },
    answer: { type: 'introspection.answered', from: 'auth-server', to: 'resource-server' },
  },
  // RFC 6750 §3.1: 401 with a Bearer challenge naming invalid_token (checked below, with its description).
  {
    endpoint: 'userinfo',
    kind: 'invalid_token',
    status: 401,
    error: 'invalid_token',
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    answer: { type: 'userinfo.answered', from: 'auth-server', to: 'client' },
  },
  // RFC 9457 problem, as a gateway before an unreachable server answers, with Retry-After.
  {
    endpoint: 'jwks',
    kind: 'unreachable',
    status: 503,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', 'retry-after': '1' },
    answer: { type: 'failure.injected', from: 'auth-server', to: 'client' },
  },
];

describe('withInjectedFailure: the answer of a failure on demand (issue 12)', () => {
  it('with nothing planned for the request’s run at this endpoint, the endpoint answers for real, records nothing and spends nothing', async () => {
    const db = store();
    saveFailurePlan(db, RUN, { endpoint: 'token', kind: 'invalid_grant', remaining: 1 });
    for (const [endpoint, run] of [
      ['token', undefined],
      ['token', { runId: OTHER_RUN }],
      ['jwks', { runId: RUN }],
    ] as const) {
      const recorder = spyRecorder();
      const { calls, answer } = realAnswer();
      const res = await withInjectedFailure(context(db, recorder), endpoint, run, answer);
      expect(await res.json()).toEqual({ real: true });
      expect(calls).toHaveLength(1);
      expect(recorder.events).toEqual([]);
      expect(recorder.useRunCalls).toEqual([]);
    }
    expect(listFailurePlans(db, RUN)).toEqual([{ endpoint: 'token', kind: 'invalid_grant', remaining: 1 }]);
  });

  for (const c of KIND_CASES) {
    it(`${c.endpoint} ${c.kind}: ${c.status}${c.error ? ` ${c.error}` : ''} as a real failure of its kind answers, saying it was injected, exactly as many times as planned`, async () => {
      const db = store();
      saveFailurePlan(db, RUN, { endpoint: c.endpoint, kind: c.kind, remaining: 2 });
      const { calls, answer } = realAnswer();
      for (const left of ['1 more to come', 'the last one planned']) {
        const recorder = spyRecorder();
        const res = await withInjectedFailure(context(db, recorder), c.endpoint, { runId: RUN }, answer);
        expect(res.status).toBe(c.status);
        for (const [name, value] of Object.entries(c.headers)) expect(res.headers.get(name), name).toBe(value);
        const body = (await res.json()) as Record<string, unknown>;
        let description: string;
        if (c.error) {
          expect(Object.keys(body).sort()).toEqual(['error', 'error_description']);
          expect(body.error).toBe(c.error);
          description = body.error_description as string;
        } else {
          expect(body).toMatchObject({ type: 'about:blank', status: 503, injected: true });
          // RFC 9457 §3.1.3: the title a person reads first says so too.
          expect(body.title).toMatch(/\(injected\)$/);
          description = body.detail as string;
        }
        expect(description).toContain(INJECTED);
        expect(description).toContain(left);
        if (c.kind === 'invalid_token')
          expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="as", error="invalid_token", error_description="${body.error_description as string}"`);

        // The answer on its own endpoint's terms and a Sandbox-lane event, both marked as injected; a 5xx is an error, a refusal is denied.
        const injected = { endpoint: c.endpoint, kind: c.kind };
        expect(recorder.useRunCalls).toEqual([[RUN, undefined]]);
        expect(recorder.events).toHaveLength(2);
        expect(recorder.events[0]).toMatchObject({ ...c.answer, outcome: c.status >= 500 ? 'error' : 'denied', injected, data: { injected: true, kind: c.kind } });
        const remaining = left === 'the last one planned' ? 0 : 1;
        expect(recorder.events[1]).toMatchObject({
          from: 'sandbox',
          to: 'auth-server',
          type: 'failure.injected',
          outcome: 'info',
          injected,
          data: { endpoint: c.endpoint, kind: c.kind, remaining },
        });
        expect(recorder.events[1]!.summary).toMatch(new RegExp(`^Injected on purpose: .*\\(${left}\\)$`));
      }
      expect(calls).toHaveLength(0);
      // Spent: the next request gets the real answer.
      expect(await (await withInjectedFailure(context(db), c.endpoint, { runId: RUN }, answer)).json()).toEqual({ real: true });
      expect(calls).toHaveLength(1);
    });
  }

  it('puts the events on the run the request named only as named by the request (their lane says they came from outside)', async () => {
    const db = store();
    saveFailurePlan(db, RUN, { endpoint: 'token', kind: 'server_error', remaining: 1 });
    const recorder = spyRecorder();
    await withInjectedFailure(context(db, recorder, RUN), 'token', { runId: RUN, basis: 'request' }, realAnswer().answer);
    expect(recorder.useRunCalls).toEqual([[RUN, 'request']]);
  });

  it('a delay waits as planned, then the endpoint answers for real; its events are marked injected, then the Sandbox lane says what was done', async () => {
    const db = store();
    saveFailurePlan(db, RUN, { endpoint: 'token', kind: 'delay', remaining: 1, delayMs: 250 });
    const recorder = spyRecorder();
    const x = context(db, recorder);
    const order: string[] = [];
    const sleep = vi.fn(async (ms: number) => void order.push(`slept ${ms}`));
    const real = jsonResponse({ access_token: 'real' });
    const res = await withInjectedFailure(
      x,
      'token',
      { runId: RUN },
      async (inner) => {
        order.push('answered');
        // The endpoint works on the same request and store.
        expect(inner.db).toBe(db);
        expect(inner.request).toBe(x.request);
        inner.recorder.useRun(OTHER_RUN, 'request');
        inner.recorder.record({ from: 'client', to: 'auth-server', type: 'token.issued', summary: 'issued', outcome: 'ok' });
        return real;
      },
      sleep,
    );
    expect(res).toBe(real);
    expect(order).toEqual(['slept 250', 'answered']);
    const injected = { endpoint: 'token', kind: 'delay' };
    expect(recorder.useRunCalls).toEqual([
      [RUN, undefined],
      [OTHER_RUN, 'request'],
    ]);
    expect(recorder.events).toHaveLength(2);
    expect(recorder.events[0]).toMatchObject({ type: 'token.issued', from: 'client', outcome: 'ok', injected });
    expect(recorder.events[1]).toMatchObject({
      from: 'sandbox',
      to: 'auth-server',
      type: 'failure.injected',
      outcome: 'info',
      injected,
      data: { endpoint: 'token', kind: 'delay', remaining: 0, delayMs: 250 },
    });
    expect(recorder.events[1]!.summary).toMatch(/^Injected on purpose: .*after 250 ms \(the last one planned\)$/);
  });

  it('a delayed endpoint that records nothing of its own (the JWKS) still has its answer on the timeline, marked injected', async () => {
    const db = store();
    saveFailurePlan(db, RUN, { endpoint: 'jwks', kind: 'delay', remaining: 2, delayMs: 100 });
    const recorder = spyRecorder();
    const res = await withInjectedFailure(context(db, recorder), 'jwks', { runId: RUN }, async () => jsonResponse({ keys: [] }), async () => {});
    expect(await res.json()).toEqual({ keys: [] });
    const injected = { endpoint: 'jwks', kind: 'delay' };
    expect(recorder.events).toHaveLength(2);
    expect(recorder.events[0]).toMatchObject({ type: 'failure.injected', from: 'auth-server', to: 'client', outcome: 'info', injected });
    expect(recorder.events[1]).toMatchObject({ from: 'sandbox', type: 'failure.injected', injected, data: { remaining: 1, delayMs: 100 } });
    expect(recorder.events[1]!.summary).toMatch(/\(1 more to come\)$/);
  });

  it('a delayed endpoint that fails still has the delay on the timeline, and its error is not swallowed', async () => {
    const db = store();
    saveFailurePlan(db, RUN, { endpoint: 'token', kind: 'delay', remaining: 1, delayMs: 100 });
    const recorder = spyRecorder();
    const boom = new Error('the endpoint failed');
    await expect(withInjectedFailure(context(db, recorder), 'token', { runId: RUN }, async () => Promise.reject(boom), async () => {})).rejects.toBe(boom);
    expect(recorder.events.map((e) => [e.from, e.type, e.injected])).toEqual([
      ['client', 'token_request.rejected', { endpoint: 'token', kind: 'delay' }],
      ['sandbox', 'failure.injected', { endpoint: 'token', kind: 'delay' }],
    ]);
  });

  it('a delay with no sleep passed in waits on a real timer', async () => {
    const db = store();
    saveFailurePlan(db, RUN, { endpoint: 'jwks', kind: 'delay', remaining: 1, delayMs: 40 });
    const started = performance.now();
    await withInjectedFailure(context(db), 'jwks', { runId: RUN }, async () => jsonResponse({ keys: [] }));
    // Timers never fire early; a millisecond of slack for the clocks' rounding.
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
  });
});
