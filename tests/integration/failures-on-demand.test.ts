/**
 * Failures on demand (issue 12) over HTTP: the run's owner plans the next N
 * answers of an endpoint to fail, and each kind answers in the shape a real
 * failure has (RFC 6749 §5.2 JSON with no-store, RFC 6750 §3 Bearer
 * challenge, 503 with Retry-After), its body saying it was injected on
 * purpose; exactly N answers fail, then the endpoint answers for real; the
 * run's timeline marks the answer and a Sandbox-lane event as injected;
 * another run is untouched. The API is owner only, same origin, and bounded.
 */
import { describe, expect, it } from 'vitest';
import { cliCode, cliTokens } from './helpers/cli-flow';
import { newRun, runEvents, type TestRun } from './helpers/run';

const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const failures = `${origin}/api/runs/current/failures`;
const INJECTED = 'injected on purpose by the sandbox';

interface Event {
  seq: number;
  type: string;
  from: string;
  to: string;
  outcome: string;
  summary: string;
  injected?: { endpoint: string; kind: string };
  http?: { response?: { status?: number } };
}

async function plan(run: TestRun, body: Record<string, unknown>) {
  const res = await fetch(failures, { method: 'PUT', headers: { 'content-type': 'application/json', ...run.owner }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as { failures: { endpoint: string; kind: string; remaining: number }[] };
}

/** A token with no user, for the run the request names (RFC 6749 §4.4). */
const clientCredentials = (headers: Record<string, string>) =>
  fetch(`${origin}/as/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('reporting-service:reporting-service-secret').toString('base64')}`, ...headers },
    body: 'grant_type=client_credentials&scope=notes%3Aread',
  });

async function expectOAuthError(res: Response, status: number, error: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = (await res.json()) as Record<string, string>;
  expect(Object.keys(body).sort()).toEqual(['error', 'error_description']);
  expect(body.error).toBe(error);
  expect(body.error_description).toContain(INJECTED);
  return body;
}

/** The injected answer and the Sandbox lane's event, both marked as injected. */
async function expectInjectedOnTimeline(run: TestRun, endpoint: string, kind: string, answerType: string) {
  const events = await runEvents<Event>(origin, run);
  const marked = events.filter((e) => e.injected);
  expect(marked.every((e) => e.injected!.endpoint === endpoint && e.injected!.kind === kind)).toBe(true);
  const sandbox = marked.find((e) => e.type === 'failure.injected' && e.from === 'sandbox');
  expect(sandbox?.summary).toMatch(/^Injected on purpose: /);
  expect(marked.some((e) => e.type === answerType && e.from !== 'sandbox')).toBe(true);
  return events;
}

describe('failures on demand: the API', () => {
  it('is the owner’s: the run id alone 403, another origin 403, a form body 415, no key a run of its own; nothing is planned', async () => {
    const run = await newRun(origin);
    const body = JSON.stringify({ endpoint: 'token', kind: 'invalid_grant', count: 1 });
    // Without a key the proxy gives the request a fresh run of its own (as every first visit): never this run.
    expect((await fetch(failures, { method: 'PUT', headers: { 'content-type': 'application/json' }, body })).status).toBe(200);
    const named = await fetch(failures, { method: 'PUT', headers: { 'content-type': 'application/json', ...run.named }, body });
    expect(named.status).toBe(403);
    expect(await named.json()).toMatchObject({ missing: 'run key', has: 'run id' });
    const cross = await fetch(failures, { method: 'PUT', headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:1', ...run.owner }, body });
    expect(cross.status).toBe(403);
    expect((await fetch(failures, { method: 'PUT', headers: { 'content-type': 'application/x-www-form-urlencoded', ...run.owner }, body })).status).toBe(415);
    const list = await fetch(failures, { headers: run.owner });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ failures: [] });
    expect((await clientCredentials(run.named)).status).toBe(200);
  });

  it('refuses a bad plan by field: 400 problem, nothing stored; a delay is bounded to 10000 ms', async () => {
    const run = await newRun(origin);
    const cases: [Record<string, unknown>, string][] = [
      [{ endpoint: 'authorize', kind: 'invalid_grant', count: 1 }, 'endpoint'],
      [{ endpoint: 'jwks', kind: 'invalid_grant', count: 1 }, 'kind'],
      [{ endpoint: 'token', kind: 'invalid_grant', count: 21 }, 'count'],
      [{ endpoint: 'token', kind: 'invalid_grant', count: 1.5 }, 'count'],
      [{ endpoint: 'token', kind: 'delay', count: 1, delayMs: 10_001 }, 'delayMs'],
      [{ endpoint: 'token', kind: 'delay', count: 1 }, 'delayMs'],
      [{ endpoint: 'token', kind: 'invalid_grant', count: 1, delayMs: 5 }, 'delayMs'],
      [{ endpoint: 'token', kind: 'invalid_grant', count: 1, times: 2 }, 'times'],
    ];
    for (const [body, field] of cases) {
      const res = await fetch(failures, { method: 'PUT', headers: { 'content-type': 'application/json', ...run.owner }, body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await res.json()) as { field: string; detail: string };
      expect(problem.field).toBe(field);
    }
    const bounded = await fetch(failures, { method: 'PUT', headers: { 'content-type': 'application/json', ...run.owner }, body: JSON.stringify({ endpoint: 'jwks', kind: 'delay', count: 1, delayMs: 60_000 }) });
    expect(((await bounded.json()) as { detail: string }).detail).toBe('delayMs must be a whole number of milliseconds from 1 to 10000 (a delay is bounded).');
    expect(await (await fetch(failures, { headers: run.owner })).json()).toEqual({ failures: [] });
  });
});

describe('failures on demand: each kind', () => {
  it('token invalid_grant: a next-auth-like token request (no run header, the run found by its code) fails once; the code is not spent', async () => {
    const run = await newRun(origin);
    expect(await plan(run, { endpoint: 'token', kind: 'invalid_grant', count: 1 })).toEqual({ failures: [{ endpoint: 'token', kind: 'invalid_grant', remaining: 1 }] });
    const { code, verifier, redirectUri } = await cliCode(origin, { runKey: run.key });
    const exchange = () =>
      fetch(`${origin}/as/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'cli', code_verifier: verifier }),
      });
    await expectOAuthError(await exchange(), 400, 'invalid_grant');
    const real = await exchange();
    expect(real.status).toBe(200);
    expect(Object.keys((await real.json()) as object)).toContain('access_token');
    const events = await expectInjectedOnTimeline(run, 'token', 'invalid_grant', 'token_request.rejected');
    expect(events.find((e) => e.type === 'token.issued')?.injected).toBeUndefined();
    expect(await (await fetch(failures, { headers: run.owner })).json()).toEqual({ failures: [] });
  });

  it('token temporarily_unavailable: 503 with Retry-After, twice, then 200; another run is untouched', async () => {
    const run = await newRun(origin);
    const other = await newRun(origin);
    await plan(run, { endpoint: 'token', kind: 'temporarily_unavailable', count: 2 });
    expect((await clientCredentials(other.named)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await clientCredentials(run.named);
      expect(res.headers.get('retry-after')).toBe('1');
      const body = await expectOAuthError(res, 503, 'temporarily_unavailable');
      expect(body.error_description).toContain(i === 0 ? '1 more to come' : 'the last one planned');
    }
    expect((await clientCredentials(run.named)).status).toBe(200);
    await expectInjectedOnTimeline(run, 'token', 'temporarily_unavailable', 'token_request.rejected');
    expect((await runEvents<Event>(origin, other)).some((e) => e.injected)).toBe(false);
  });

  it('token 500: server_error, a JSON body with no internals', async () => {
    const run = await newRun(origin);
    await plan(run, { endpoint: 'token', kind: 'server_error', count: 1 });
    await expectOAuthError(await clientCredentials(run.named), 500, 'server_error');
    await expectInjectedOnTimeline(run, 'token', 'server_error', 'token_request.rejected');
  });

  it('token delay: the real answer (a token), after at least the delay; the token.issued event is marked injected', async () => {
    const run = await newRun(origin);
    await plan(run, { endpoint: 'token', kind: 'delay', count: 1, delayMs: 1200 });
    const started = performance.now();
    const res = await clientCredentials(run.named);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1200);
    expect(res.status).toBe(200);
    expect((await res.json()) as object).toHaveProperty('access_token');
    const events = await expectInjectedOnTimeline(run, 'token', 'delay', 'token.issued');
    expect(events.find((e) => e.type === 'failure.injected')?.summary).toContain('answers after 1200 ms');
  });

  it('JWKS unreachable: 503 problem for the run that names itself; the key set of every other request is served', async () => {
    const run = await newRun(origin);
    await plan(run, { endpoint: 'jwks', kind: 'unreachable', count: 1 });
    expect((await fetch(`${origin}/as/jwks`)).status).toBe(200);
    const res = await fetch(`${origin}/as/jwks`, { headers: run.named });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('1');
    const body = (await res.json()) as { detail: string; injected: boolean };
    expect(body.injected).toBe(true);
    expect(body.detail).toContain(INJECTED);
    const after = await fetch(`${origin}/as/jwks`, { headers: run.named });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
    await expectInjectedOnTimeline(run, 'jwks', 'unreachable', 'failure.injected');
  });

  it('JWKS slow: the key set after the delay', async () => {
    const run = await newRun(origin);
    await plan(run, { endpoint: 'jwks', kind: 'delay', count: 1, delayMs: 1000 });
    const started = performance.now();
    const res = await fetch(`${origin}/as/jwks`, { headers: run.named });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
    await expectInjectedOnTimeline(run, 'jwks', 'delay', 'failure.injected');
  });

  it('introspection refused: 401 invalid_client with a Basic challenge (RFC 7662 §2.3); the Notes API in introspection mode answers 503', async () => {
    const run = await newRun(origin);
    const token = ((await (await clientCredentials(run.named)).json()) as { access_token: string }).access_token;
    await plan(run, { endpoint: 'introspection', kind: 'refused', count: 2 });
    const introspect = () =>
      fetch(`${origin}/as/introspect`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('notes-api:notes-api-secret').toString('base64')}` },
        body: new URLSearchParams({ token }),
      });
    const refused = await introspect();
    expect(refused.headers.get('www-authenticate')).toBe('Basic realm="as", charset="UTF-8"');
    await expectOAuthError(refused, 401, 'invalid_client');
    const settings = await fetch(`${origin}/api/runs/current`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...run.owner }, body: '{"verificationMode":"introspection"}' });
    expect(settings.status).toBe(200);
    const rs = await fetch(`${origin}/rs/api/notes`, { headers: { authorization: `Bearer ${token}` } });
    expect(rs.status).toBe(503);
    expect(rs.headers.get('www-authenticate') ?? '').not.toContain('invalid_token');
    const real = await introspect();
    expect(real.status).toBe(200);
    expect(((await real.json()) as { active: boolean }).active).toBe(true);
    await expectInjectedOnTimeline(run, 'introspection', 'refused', 'introspection.answered');
  });

  it('userinfo invalid_token: 401 with an RFC 6750 §3 Bearer challenge, then the real claims', async () => {
    const run = await newRun(origin);
    const { access_token } = await cliTokens(origin, { runKey: run.key });
    await plan(run, { endpoint: 'userinfo', kind: 'invalid_token', count: 1 });
    const userinfo = () => fetch(`${origin}/as/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
    const refused = await userinfo();
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer realm="as", error="invalid_token", error_description="injected on purpose by the sandbox[^"]*"$/);
    await expectOAuthError(refused, 401, 'invalid_token');
    const real = await userinfo();
    expect(real.status).toBe(200);
    expect(((await real.json()) as { sub: string }).sub).toBe('alice');
    await expectInjectedOnTimeline(run, 'userinfo', 'invalid_token', 'userinfo.answered');
  });
});
