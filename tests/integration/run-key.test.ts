import { describe, expect, it } from 'vitest';
import { cliCode, cliTokens } from './helpers/cli-flow';
import { newRun, runEvents, type TestRun } from './helpers/run';
import { rotateSigningKeys } from './helpers/signing-keys';

/**
 * Issue 14: the run id names a run, the run key (or the browser's cookie)
 * controls it. Every test makes its own runs.
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

interface Call {
  name: string;
  path: string;
  method: string;
  body?: string;
  json?: boolean;
}
/** Every read and every change of a run (key rotation last: it is slow to wait out). */
const OWNER_ONLY: Call[] = [
  { name: 'read the run', path: '/api/runs/current', method: 'GET' },
  { name: 'change settings', path: '/api/runs/current', method: 'PATCH', body: '{"clockOffset":3600}', json: true },
  { name: 'read events', path: '/api/runs/current/events', method: 'GET' },
  { name: 'stream events', path: '/api/runs/current/stream', method: 'GET' },
  { name: 'export', path: '/api/runs/current/export', method: 'GET' },
  { name: 'reveal the key', path: '/api/runs/current/key', method: 'GET' },
  { name: 'import', path: '/api/runs/current/import', method: 'POST', body: '{}', json: true },
  { name: 'revoke', path: '/api/runs/current/revoke', method: 'POST', body: '{"token":"x"}', json: true },
  { name: 'reset', path: '/api/runs/current/reset', method: 'POST' },
  { name: 'rotate keys', path: '/api/keys/rotate', method: 'POST' },
];

function send(c: Call, headers: Record<string, string>): Promise<Response> {
  return fetch(`${origin}${c.path}`, {
    method: c.method,
    headers: { ...(c.json ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(c.body ? { body: c.body } : {}),
  }).then((r) => {
    // A stream that was allowed is closed at once: only its status and type matter here (both already arrived).
    if (r.headers.get('content-type')?.startsWith('text/event-stream')) void r.body?.cancel();
    return r;
  });
}

/** A run with a few events and a changed setting, to see that nothing of it changes. */
async function busyRun(): Promise<{ run: TestRun; tokens: Awaited<ReturnType<typeof cliTokens>> }> {
  const run = await newRun(origin);
  const tokens = await cliTokens(origin, { runKey: run.key }, run.owner);
  const r = await fetch(`${origin}/api/runs/current`, { method: 'PATCH', headers: { ...run.owner, 'content-type': 'application/json' }, body: '{"accessTokenTtl":4242}' });
  expect(r.status).toBe(200);
  return { run, tokens };
}

/**
 * What a run owns: its settings and its events. Not the JWKS: the signing keys
 * are the one AS's, shared by every run; keys retired by earlier test files
 * leave it on their own once their last token has expired (issue 8 §4), which
 * made a before/after comparison flaky. A refused rotation shows as no
 * `signing_key.rotated` among the run's events (a rotation records it there).
 */
async function snapshot(run: TestRun) {
  const settings = ((await (await fetch(`${origin}/api/runs/current`, { headers: run.owner })).json()) as { settings: unknown }).settings;
  return { settings, events: (await runEvents(origin, run)).map((e) => e.type) };
}

describe('the run id names a run; it controls nothing (issue 14)', () => {
  it('with the run id alone (no cookie, no key) every read and every change is refused with a problem naming the run key, and nothing changes', async () => {
    const { run, tokens } = await busyRun();
    const before = await snapshot(run);
    for (const c of OWNER_ONLY) {
      const body = c.name === 'revoke' ? JSON.stringify({ token: tokens.refresh_token }) : c.body;
      const res = await send({ ...c, ...(body ? { body } : {}) }, run.named);
      expect(res.status, c.name).toBe(403);
      expect(res.headers.get('content-type'), c.name).toBe('application/problem+json');
      const problem = (await res.json()) as { title: string; detail: string; missing: string; has: string };
      expect(problem, c.name).toMatchObject({ status: 403, title: 'The run id names a run, it does not control it', missing: 'run key', has: 'run id' });
      expect(problem.detail).toMatch(/X-Sandbox-Run-Key/);
      expect(problem.detail).toMatch(/Show my run key/);
    }
    expect(await snapshot(run)).toEqual(before);
  });

  it('with a malformed key: 401 with a challenge, never a 500 (a request with nothing at all is a first visit: a new run of its own)', async () => {
    for (const c of OWNER_ONLY) {
      for (const headers of [{ 'x-sandbox-run-key': 'runkey_short' }, { 'x-sandbox-run-key': 'x'.repeat(5000) }]) {
        const res = await send(c, headers);
        expect(res.status, `${c.name} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('RunKey realm="oauth-sandbox", header="X-Sandbox-Run-Key"');
        expect(((await res.json()) as { missing: string }).missing).toBe('run key');
      }
    }
  });

  it("an outside client's protocol requests still land on the named run, marked as from outside", async () => {
    const run = await newRun(origin);
    const res = await fetch(`${origin}/as/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('reporting-service', 'reporting-service-secret'), ...run.named },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'notes:read' }),
    });
    expect(res.status).toBe(200);
    const events = await runEvents(origin, run);
    expect(events.map((e) => [e.type, e.outside])).toEqual([
      ['client_authentication.succeeded', true],
      ['token.issued', true],
    ]);
    expect(events[0]!.summary).toMatch(/\(from outside: named by X-Sandbox-Run, no run key\)$/);

    // The owner's own tool (the key) is not marked.
    const own = await fetch(`${origin}/as/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('reporting-service', 'reporting-service-secret'), ...run.owner },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'notes:read' }),
    });
    expect(own.status).toBe(200);
    expect((await runEvents(origin, run)).slice(2).map((e) => [e.type, e.outside ?? false])).toEqual([
      ['client_authentication.succeeded', false],
      ['token.issued', false],
    ]);
  });

  it('with the key, or the cookie from a same-origin page, everything works as before', async () => {
    const { run, tokens } = await busyRun();
    const cookie = { cookie: `sandbox_run_key=${run.key}`, origin, 'sec-fetch-site': 'same-origin' };
    for (const [who, headers] of [['key', run.owner], ['cookie', cookie]] as const) {
      for (const c of OWNER_ONLY.filter((c) => c.path !== '/api/keys/rotate')) {
        const body = c.name === 'revoke' ? JSON.stringify({ token: tokens.access_token }) : c.name === 'import' ? await (await fetch(`${origin}/api/runs/current/export`, { headers: run.owner })).text() : c.body;
        const res = await send({ ...c, ...(body ? { body } : {}) }, headers);
        expect(res.status, `${c.name} with the ${who}: ${res.status === 200 ? '' : await res.clone().text()}`).toBe(c.name === 'revoke' && who === 'cookie' ? 404 : 200);
      }
    }
    const key = (await (await fetch(`${origin}/api/runs/current/key`, { headers: { cookie: `sandbox_run_key=${run.key}` } })).json()) as { id: string; key: string };
    expect(key).toEqual({ id: run.id, key: run.key });
    const rotated = await rotateSigningKeys(origin, run.owner);
    expect(rotated.status).toBe(200);
    expect((await runEvents(origin, run)).map((e) => e.type)).toContain('signing_key.rotated');
  });

  it("a second visitor holding the first visitor's id sees and changes nothing of the first", async () => {
    const { run: first, tokens } = await busyRun();
    const before = await snapshot(first);
    const second = await newRun(origin);
    for (const c of OWNER_ONLY.filter((c) => c.path !== '/api/keys/rotate')) {
      const body = c.name === 'revoke' ? JSON.stringify({ token: tokens.refresh_token }) : c.body;
      // The second visitor's own cookie, naming the first visitor's run.
      const res = await send({ ...c, ...(body ? { body } : {}) }, { cookie: `sandbox_run_key=${second.key}`, ...first.named });
      expect(res.status, c.name).toBe(403);
      expect(((await res.json()) as { title: string }).title).toBe('The run key is for another run');
    }
    // Without the header, the second visitor's cookie is their own run: nothing of the first's there.
    const theirs = (await (await fetch(`${origin}/api/runs/current/events`, { headers: { cookie: `sandbox_run_key=${second.key}` } })).json()) as { runId: string; events: unknown[] };
    expect(theirs).toMatchObject({ runId: second.id, events: [] });
    const revoke = await fetch(`${origin}/api/runs/current/revoke`, { method: 'POST', headers: { ...second.owner, 'content-type': 'application/json' }, body: JSON.stringify({ token: tokens.refresh_token }) });
    expect(revoke.status).toBe(404);
    expect(await snapshot(first)).toEqual(before);
  });

  it('the run key is never on the timeline, even when a request carried it in a header or a cookie', async () => {
    const run = await newRun(origin);
    await cliTokens(origin, { runKey: run.key }, { ...run.owner, cookie: `sandbox_run_key=${run.key}` });
    const text = JSON.stringify(await runEvents(origin, run));
    expect(text).toContain('"x-sandbox-run-key":"runkey_(hidden)"');
    expect(text).not.toContain(run.key);
  });

  it('issue 9 item 15: a token request naming run B for a code issued in run A says so on both timelines', async () => {
    const a = await newRun(origin);
    const b = await newRun(origin);
    const { code, verifier, redirectUri } = await cliCode(origin, { runKey: a.key });
    const res = await fetch(`${origin}/as/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...b.named },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'cli', code_verifier: verifier }),
    });
    expect(res.status).toBe(200);
    const onA = await runEvents(origin, a);
    expect(onA.slice(-2).map((e) => e.type)).toEqual(['token.issued', 'run_header.mismatched']);
    expect(onA.at(-1)!.summary).toMatch(/named another run in X-Sandbox-Run, but the code or token it carried belongs to this run/);
    const onB = await runEvents(origin, b);
    expect(onB.map((e) => e.type)).toEqual(['run_header.mismatched']);
    expect(onB[0]!.summary).toMatch(/its events are recorded there, not here/);
    // B's owner learns nothing of A: no id, no event of the flow.
    expect(JSON.stringify(onB)).not.toContain(a.id);
  });
});
