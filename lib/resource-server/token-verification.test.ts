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
