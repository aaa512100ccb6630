import { beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/(auth-server)/as/token/route';
import { getDb } from '@/lib/store/db';
import { seedCode, TEST_RUN, testDeps, VERIFIER, wallClockNow } from './test-support';

const ORIGIN = 'http://localhost:3000';
beforeAll(() => {
  process.env.SANDBOX_ORIGIN = ORIGIN;
});

function post(body: string, headers: Record<string, string> = {}, query = '') {
  return POST(
    new Request(`${ORIGIN}/as/token${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', 'X-Sandbox-Run': TEST_RUN, ...headers },
      body,
    }),
  );
}

async function expectError(res: Response, status: number, error: string, description: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(await res.json()).toEqual({ error, error_description: description });
}

describe('RFC 6749 §3.2 §5 token endpoint over HTTP', () => {
  it('T1 answers 200 JSON with no-store and no-cache, accepting the charset suffix', async () => {
    const t = testDeps({}, getDb(), wallClockNow());
    // The route uses the wall clock, so the code must not expire by it.
    const { code, redirectUri } = seedCode(t);
    const res = await post(new URLSearchParams({ grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER }).toString());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('pragma')).toBe('no-cache');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
  });

  it('T12 of concurrent POSTs redeeming one code, exactly one gets 200; the others invalid_grant', async () => {
    const { code, redirectUri } = seedCode(testDeps({}, getDb(), wallClockNow()));
    const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER }).toString();
    const responses = await Promise.all([post(body), post(body), post(body), post(body)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 400, 400, 400]);
    for (const r of responses.filter((x) => x.status === 400)) expect(((await r.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('T2 answers GET with 405, a JSON error and Allow: POST', async () => {
    const res = GET();
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: 'this endpoint accepts POST only' });
  });

  it('T6 answers 401 invalid_client with WWW-Authenticate: Basic for a wrong Basic secret', async () => {
    const res = await post('grant_type=client_credentials', { Authorization: `Basic ${btoa('reporting-service:wrong')}` });
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="as", charset="UTF-8"');
    await expectError(res, 401, 'invalid_client', 'client authentication failed');
  });

  it('T9 rejects client_secret in the query string', async () => {
    const res = await post('grant_type=client_credentials&client_id=reporting-service', {}, '?client_secret=reporting-service-secret');
    await expectError(res, 400, 'invalid_request', 'client_secret must not be sent in the request URI (RFC 6749 section 2.3.1)');
  });

  it('T17 answers invalid_request for a body that is not form-urlencoded', async () => {
    const res = await post('{"grant_type":"client_credentials"}', { 'Content-Type': 'application/json' });
    await expectError(res, 400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
  });

  it('T17 answers invalid_request, not 500, for an oversized body', async () => {
    const res = await post(`grant_type=client_credentials&x=${'a'.repeat(70_000)}`);
    await expectError(res, 400, 'invalid_request', 'request body larger than 65536 bytes');
  });

  it('T17 answers invalid_request, not 500, for a garbage Basic header', async () => {
    const res = await post('grant_type=client_credentials', { Authorization: 'Basic %%%' });
    await expectError(res, 400, 'invalid_request', 'invalid Authorization header: expected Basic and base64-encoded credentials');
  });

  it('issues a client_credentials token in the run named by X-Sandbox-Run', async () => {
    const res = await post('grant_type=client_credentials&client_id=reporting-service&client_secret=reporting-service-secret');
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const payload = JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload.sandbox_run).toBe(TEST_RUN);
  });
});
