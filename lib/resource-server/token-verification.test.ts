import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/runs/clock';
import { collectingRecorder } from '@/lib/timeline/recorder';
import { DEFAULT_SETTINGS } from '@/lib/runs/settings';
import { verifyBearerToken, type TokenVerificationDeps } from './token-verification';
import { accessTokenClaims, ISSUER, makeTestKeys, NOW, RESOURCE, RUN_ID, signAccessToken, type TestKeys } from './test-keys';

let keys: TestKeys;
beforeAll(async () => {
  keys = await makeTestKeys();
});

/** Local verification only: the introspection endpoint must never be called. */
function deps(): TokenVerificationDeps {
  return {
    issuer: ISSUER,
    resource: RESOURCE,
    keys: keys.keySet,
    introspection: {
      endpoint: `${ISSUER}/introspect`,
      clientId: 'notes-api',
      clientSecret: 'notes-api-secret',
      fetch: () => Promise.reject(new Error('introspection must not be called in local mode')),
    },
    lookUpRun: () => ({ settings: { ...DEFAULT_SETTINGS, verificationMode: 'local' }, clock: fixedClock(NOW), known: true }),
    recorder: collectingRecorder(),
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, query: new URLSearchParams() });

describe('RFC 9068 §4 J6 what the resource server checks, through verifyBearerToken()', () => {
  it.each(['at+jwt', 'at+JWT', 'application/at+jwt', 'Application/AT+JWT'])('J6.1 accepts typ %s (media type compared case-insensitively)', async (typ) => {
    const r = await verifyBearerToken(bearer(await signAccessToken(keys, accessTokenClaims(), { typ })), undefined, deps());
    expect(r.ok).toBe(true);
    expect(r.checks.find((c) => c.name === 'typ')).toMatchObject({ passed: true });
  });

  it('J6 refuses with 401 invalid_token at the first failing check: typ JWT, wrong iss, other aud, expired', async () => {
    const cases: [string, Promise<string>, RegExp][] = [
      ['typ', signAccessToken(keys, accessTokenClaims(), { typ: 'JWT' }), /typ is JWT, not at\+jwt/],
      ['iss', signAccessToken(keys, accessTokenClaims({ iss: `${ISSUER}/` })), /iss is http:\/\/localhost:3000\/as\/, expected exactly/],
      ['aud', signAccessToken(keys, accessTokenClaims({ aud: 'http://localhost:3000/other' })), /does not contain http:\/\/localhost:3000\/rs/],
      ['exp', signAccessToken(keys, accessTokenClaims({ exp: NOW - 3600 })), /expired at/],
    ];
    for (const [check, token, description] of cases) {
      const r = await verifyBearerToken(bearer(await token), undefined, deps());
      expect(r.ok, check).toBe(false);
      if (r.ok) continue;
      expect([r.error?.code, r.error?.status]).toEqual(['invalid_token', 401]);
      expect(r.error?.description).toMatch(description);
      expect(r.checks.at(-1)).toMatchObject({ name: check, passed: false });
    }
  });
});

describe('unverified claims pick nothing (issue 8 §4)', () => {
  it("records a rejected token on the run the request names, never on the run its own sandbox_run claims", async () => {
    const forged = await signAccessToken(keys, accessTokenClaims(), { kid: 'es-1' }).then((t) => `${t.slice(0, t.lastIndexOf('.'))}.${'A'.repeat(86)}`);
    for (const [fallback, expected] of [
      [undefined, undefined],
      ['the-requests-own-run-0000000', undefined],
    ] as const) {
      const d = deps();
      const recorder = d.recorder as ReturnType<typeof collectingRecorder>;
      const r = await verifyBearerToken(bearer(forged), fallback, d);
      expect(r.ok).toBe(false);
      // No step moved the events: they go where the request itself said (the exchange's own run), or nowhere.
      expect(recorder.runId).toBe(expected);
      expect(recorder.events.map((e) => e.type)).toEqual(['access_token.rejected']);
    }
  });

  it('moves the events to the run of a token whose signature verified', async () => {
    const d = deps();
    const r = await verifyBearerToken(bearer(await signAccessToken(keys)), 'the-requests-own-run-0000000', d);
    expect(r.ok).toBe(true);
    expect((d.recorder as ReturnType<typeof collectingRecorder>).runId).toBe(RUN_ID);
  });
});

describe('mutation testing (npm run mutation): which run judges a token, and what the timeline hears', () => {
  const INTROSPECTED = 'run-of-the-token-00000000000';
  const REQUESTS = 'run-the-request-names-0000000';

  /** Runs in introspection mode: the token's run on the clock NOW, any other run 100 000 s later. */
  function introspectingDeps(answer: Record<string, unknown> | Error, modeFor: (runId: unknown) => 'local' | 'introspection' = () => 'introspection') {
    const calls: string[] = [];
    const recorder = collectingRecorder();
    const d: TokenVerificationDeps = {
      ...deps(),
      recorder,
      introspection: {
        endpoint: `${ISSUER}/introspect`,
        clientId: 'notes-api',
        clientSecret: 'notes-api-secret',
        fetch: async (url) => {
          calls.push(String(url));
          if (answer instanceof Error) throw answer;
          return Response.json(answer);
        },
      },
      lookUpRun: (runId) => ({
        settings: { ...DEFAULT_SETTINGS, verificationMode: modeFor(runId) },
        clock: fixedClock(runId === INTROSPECTED ? NOW : NOW + 100_000),
        known: runId !== undefined,
      }),
    };
    return { d, calls, recorder };
  }
  const activeAnswer = (over: Record<string, unknown> = {}) => ({
    active: true,
    token_type: 'Bearer',
    sub: 'alice',
    client_id: 'cli',
    aud: RESOURCE,
    scope: 'notes:read',
    exp: NOW + 300,
    ...over,
  });

  // RFC 7662 §2.2 exp: judged by the clock of the run the answer names (sandbox_run); only an answer
  // that names none falls back to the run the request named.
  it("RFC 7662 §2.2 an introspected token's exp is judged by its own run's clock, else by the request's run", async () => {
    const named = introspectingDeps(activeAnswer({ sandbox_run: INTROSPECTED }));
    expect((await verifyBearerToken(bearer('opaque-token-1'), REQUESTS, named.d)).ok).toBe(true);
    const unnamed = introspectingDeps(activeAnswer());
    expect((await verifyBearerToken(bearer('opaque-token-1'), INTROSPECTED, unnamed.d)).ok).toBe(true);
    // And the request's run's clock, 100 000 s later, does find it expired.
    const late = introspectingDeps(activeAnswer());
    expect((await verifyBearerToken(bearer('opaque-token-1'), REQUESTS, late.d)).ok).toBe(false);
  });

  // RFC 7519 §4.3 private claims: sandbox_run is this sandbox's own; a value that is not a string
  // names no run, so the request's run picks the verification method.
  it("a JWT whose sandbox_run is not a string is verified the way the request's run says", async () => {
    const token = await signAccessToken(keys, accessTokenClaims({ sandbox_run: 42 }));
    // Only the request's run introspects; any other run (a run "42" too) would verify locally.
    const h = introspectingDeps(activeAnswer({ sandbox_run: INTROSPECTED }), (runId) => (runId === REQUESTS ? 'introspection' : 'local'));
    await verifyBearerToken(bearer(token), REQUESTS, h.d);
    expect(h.calls).toEqual([`${ISSUER}/introspect`]);
  });

  it('records access_token.verified on the resource server, ok, with the token shown', async () => {
    const d = deps();
    const token = await signAccessToken(keys);
    expect((await verifyBearerToken(bearer(token), undefined, d)).ok).toBe(true);
    expect((d.recorder as ReturnType<typeof collectingRecorder>).events.at(-1)).toMatchObject({
      type: 'access_token.verified',
      from: 'resource-server',
      to: 'resource-server',
      outcome: 'ok',
      tokens: [{ kind: 'access_token', raw: token }],
    });
  });

  it('a verified token that names no run leaves the events where they were', async () => {
    const d = deps();
    const runs: (string | undefined)[] = [];
    d.recorder = { record: () => {}, useRun: (runId) => void runs.push(runId) };
    const claims = accessTokenClaims();
    delete claims.sandbox_run;
    expect((await verifyBearerToken(bearer(await signAccessToken(keys, claims)), undefined, d)).ok).toBe(true);
    expect(runs).toEqual([]);
  });

  // RFC 6750 §3.1: a token refused is the RS denying the client; an AS it cannot reach is the RS failing (503).
  it('records a refused token as denied with the token shown, an unreachable AS as an error', async () => {
    const d = deps();
    const expired = await signAccessToken(keys, accessTokenClaims({ exp: NOW - 3600 }));
    await verifyBearerToken(bearer(expired), undefined, d);
    expect((d.recorder as ReturnType<typeof collectingRecorder>).events.at(-1)).toMatchObject({
      type: 'access_token.rejected',
      from: 'resource-server',
      to: 'resource-server',
      outcome: 'denied',
      tokens: [{ kind: 'access_token', raw: expired }],
    });
    const down = introspectingDeps(new Error('connect ECONNREFUSED'));
    const r = await verifyBearerToken(bearer('opaque-token-2'), REQUESTS, down.d);
    expect(r.ok ? undefined : [r.error?.code, r.error?.status]).toEqual(['temporarily_unavailable', 503]);
    expect(down.recorder.events.at(-1)).toMatchObject({ type: 'access_token.rejected', outcome: 'error' });
  });

  // RFC 6750 §2.3 / §3.1: a token where it may not be sent is invalid_request; no token at all is a bare challenge.
  it('RFC 6750 §3.1 names the failed check: token transmission for a token in the query, token present when there is none', async () => {
    const d = deps();
    const recorder = d.recorder as ReturnType<typeof collectingRecorder>;
    const r = await verifyBearerToken({ authorization: null, query: new URLSearchParams('access_token=abc') }, undefined, d);
    expect(r.ok ? undefined : [r.error?.code, r.error?.status]).toEqual(['invalid_request', 400]);
    expect(r.checks).toMatchObject([{ name: 'token transmission', passed: false }]);
    expect(recorder.events.at(-1)).toMatchObject({ type: 'access_token.rejected', outcome: 'denied' });
    expect(recorder.events.at(-1)).not.toHaveProperty('tokens');
    const none = await verifyBearerToken({ authorization: null, query: new URLSearchParams() }, undefined, d);
    expect(none).toMatchObject({ ok: false, checks: [{ name: 'token present', passed: false }] });
    expect(none.ok ? 'ok' : none.error).toBeUndefined();
  });
});
