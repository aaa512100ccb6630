import { describe, expect, it } from 'vitest';
import type { RouteContext } from '@/lib/http/handle-route';
import { findAccessTokenByHash } from '@/lib/store/access-tokens';
import { findGrant, insertGrant } from '@/lib/store/grants';
import { findRefreshToken, insertRefreshToken } from '@/lib/store/refresh-tokens';
import { ensureRun } from '@/lib/store/runs';
import type { RequestRuns } from '@/lib/runs/run-owner';
import { collectingRecorder } from '@/lib/timeline/recorder';
import { revokeByHand } from './revoke-by-hand';
import { lookupToken } from './token-lookup';
import { randomToken, tokenHash } from './token-hash';
import { seedCode, TEST_ORIGIN, TEST_RUN, testDeps, VERIFIER } from './test-support';
import { tokenRequest } from './token-test-support';

/**
 * Revoking a token by hand from the timeline (POST /api/runs/current/revoke),
 * without HTTP: only the run's owner, only a token of that run, a JSON body
 * `{"token": "..."}` and an RFC 9457 problem for anything else; the revocation
 * is RFC 7009 §2.1's, recorded in the Sandbox lane.
 */

const OTHER_RUN = 'revoke-run-bbbbbbbbbbbbbbbbb';

/** The revoke call as the route hands it over: the request's runs (the owner's key) and its body. */
function call(t: ReturnType<typeof testDeps>, body: string, runs: RequestRuns = { owned: TEST_RUN }) {
  const request = new Request(`${TEST_ORIGIN}/api/runs/current/revoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const recorder = collectingRecorder();
  const x: RouteContext = { request, url: new URL(request.url), origin: TEST_ORIGIN, db: t.db, recorder, runs, bodyText: async () => body };
  return { recorder, response: revokeByHand(x) };
}

/** Tokens `cli` got for alice, by the authorization code grant (RFC 6749 §4.1.3). */
async function tokensOf(t: ReturnType<typeof testDeps>) {
  const { code, redirectUri } = seedCode(t);
  const { body } = await tokenRequest(t.deps, { grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER });
  return { accessToken: body.access_token, refreshToken: body.refresh_token! };
}

/** An RFC 9457 problem document, never cached. */
async function expectProblem(res: Response, status: number, title: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: 'about:blank', title, status });
  return body;
}

const isRevoked = async (t: ReturnType<typeof testDeps>, token: string) => {
  const found = await lookupToken(t.deps, token);
  if (!found) throw new Error('token not found');
  return found.row.revokedAt !== null;
};

describe('revoke by hand: the sandbox revokes a token of the owner’s run (RFC 7009 §2.1)', () => {
  it('a refresh token: revoked with its grant and the grant’s access tokens; 200 names what was revoked; the Sandbox lane records it, not the client', async () => {
    const t = testDeps();
    const { accessToken, refreshToken } = await tokensOf(t);
    const { recorder, response } = call(t, JSON.stringify({ token: refreshToken }));
    const res = await response;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ revoked: 'refresh_token', client_id: 'cli' });
    // RFC 7009 §2.1: revoking a refresh token SHOULD revoke the access tokens of the same grant.
    const row = findRefreshToken(t.db, tokenHash(refreshToken))!;
    expect(row.revokedAt).not.toBeNull();
    expect(findGrant(t.db, row.grantId)!.revokedAt).not.toBeNull();
    expect(await isRevoked(t, accessToken)).toBe(true);
    expect(recorder.runId).toBe(TEST_RUN);
    expect(recorder.events).toHaveLength(1);
    expect(recorder.events[0]).toMatchObject({
      from: 'sandbox',
      to: 'auth-server',
      type: 'token.revoked',
      outcome: 'ok',
      data: { client_id: 'cli', kind: 'refresh_token', by: 'sandbox' },
    });
  });

  it('an access token (a JWT, or opaque): revoked alone, the refresh token stays usable (RFC 7009 §2.1 MAY)', async () => {
    for (const accessTokenFormat of ['jwt', 'opaque'] as const) {
      const t = testDeps({ accessTokenFormat });
      const { accessToken, refreshToken } = await tokensOf(t);
      expect(accessToken.split('.')).toHaveLength(accessTokenFormat === 'jwt' ? 3 : 1);
      const { recorder, response } = call(t, JSON.stringify({ token: accessToken }));
      const res = await response;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ revoked: 'access_token', client_id: 'cli' });
      expect(await isRevoked(t, accessToken)).toBe(true);
      if (accessTokenFormat === 'opaque') expect(findAccessTokenByHash(t.db, tokenHash(accessToken))!.revokedAt).not.toBeNull();
      expect(await isRevoked(t, refreshToken)).toBe(false);
      expect(recorder.events).toHaveLength(1);
      expect(recorder.events[0]).toMatchObject({ from: 'sandbox', type: 'token.revoked', outcome: 'ok', data: { kind: 'access_token', by: 'sandbox' } });
    }
  });

  it('a token of another run is not found (404), and stays live: the timeline cannot reach into someone else’s run', async () => {
    const t = testDeps();
    const { refreshToken } = await tokensOf(t);
    ensureRun(t.db, OTHER_RUN, 0);
    const { recorder, response } = call(t, JSON.stringify({ token: refreshToken }), { owned: OTHER_RUN });
    const body = await expectProblem(await response, 404, 'Not found');
    expect(body.detail).toBe('Your run has no such access or refresh token.');
    expect(await isRevoked(t, refreshToken)).toBe(false);
    expect(recorder.events).toEqual([]);
  });

  it('a token this server never issued is not found (404)', async () => {
    const t = testDeps();
    const { recorder, response } = call(t, JSON.stringify({ token: 'never-issued' }));
    await expectProblem(await response, 404, 'Not found');
    expect(recorder.events).toEqual([]);
  });

  it('a token whose client the server no longer knows is not found (404), and stays live', async () => {
    const t = testDeps();
    const grantId = randomToken(12);
    insertGrant(t.db, { id: grantId, runId: TEST_RUN, clientId: 'gone-client', userId: 'alice', scope: 'openid', resource: t.deps.defaultResource, authTime: 0, nonce: null, createdAt: 0 });
    const token = randomToken();
    insertRefreshToken(t.db, { tokenHash: tokenHash(token), grantId, runId: TEST_RUN, clientId: 'gone-client', scope: 'openid', issuedAt: 0, expiresAt: 4_000_000_000 });
    const { recorder, response } = call(t, JSON.stringify({ token }));
    await expectProblem(await response, 404, 'Not found');
    expect(findRefreshToken(t.db, tokenHash(token))!.revokedAt).toBeNull();
    expect(recorder.events).toEqual([]);
  });

  it('only the run’s owner may revoke: its id alone 403, no run key 401 with a RunKey challenge (RFC 9110 §11.6.1); nothing is revoked', async () => {
    const t = testDeps();
    const { refreshToken } = await tokensOf(t);
    const { recorder, response } = call(t, JSON.stringify({ token: refreshToken }), { named: TEST_RUN });
    const res = await response;
    await expectProblem(res, 403, 'The run id names a run, it does not control it');
    const none = await call(t, JSON.stringify({ token: refreshToken }), {}).response;
    await expectProblem(none, 401, 'Run key required');
    expect(none.headers.get('www-authenticate')).toBe('RunKey realm="oauth-sandbox", header="X-Sandbox-Run-Key"');
    expect(await isRevoked(t, refreshToken)).toBe(false);
    expect(recorder.events).toEqual([]);
  });

  it('a body that is not a JSON object is refused (400 problem), saying the shape it must have', async () => {
    const t = testDeps();
    for (const body of ['token=abc', '', '"abc"', 'null', '42', '["abc"]']) {
      const problem = await expectProblem(await call(t, body).response, 400, 'Bad request');
      expect(problem.detail, body).toBe('The body must be JSON: {"token": "..."}.');
    }
  });

  it('a token that is missing, not a string or empty is refused (400 problem)', async () => {
    const t = testDeps();
    for (const body of ['{}', '{"token": 42}', '{"token": ["abc"]}', '{"token": null}', '{"token": ""}']) {
      const problem = await expectProblem(await call(t, body).response, 400, 'Bad request');
      expect(problem.detail, body).toBe('token must be a non-empty string.');
    }
  });

  it('a body over the small-JSON limits is refused by name: 413 over 64 KiB, 400 nested over 32 levels', async () => {
    const t = testDeps();
    const large = await expectProblem(await call(t, JSON.stringify({ token: 'a'.repeat(64 * 1024) })).response, 413, 'Too large');
    expect(large).toMatchObject({ limit: 'max_bytes', max_bytes: 65536 });
    const deep = await expectProblem(await call(t, `{"token": ${'['.repeat(33)}${']'.repeat(33)}}`).response, 400, 'Bad request');
    expect(deep).toMatchObject({ limit: 'max_depth', max_depth: 32 });
  });
});
