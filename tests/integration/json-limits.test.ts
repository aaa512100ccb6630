import { describe, expect, it } from 'vitest';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl, newPkce } from './helpers/authorize';
import { newRun as ownRun, type TestRun } from './helpers/run';

/**
 * Issue 8 §5: every JSON the sandbox accepts is bounded in size and depth,
 * and a body past a limit is 400/413 with a problem body naming the limit
 * (RFC 9457), never a 500. Found: a run import nested ~4,100 levels deep
 * answered 500 (stack overflow).
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const newRun = () => `it-json-${crypto.randomUUID().replace(/-/g, '')}`;
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);

/** The sandbox's run routes are the owner's (issue 14): the body limits are checked on a request that holds the run key. */
async function send(path: string, method: string, body: string, run: TestRun) {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...run.owner, origin, 'sec-fetch-site': 'same-origin' },
    body,
  });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as Record<string, unknown> };
}

describe('JSON depth and size limits on every JSON body (issue 8 §5)', () => {
  it('run import nested 4,100 deep: 400 naming max_depth (was a 500)', async () => {
    const doc = `{"format":"oauth-sandbox-run","version":1,"settings":{},"events":[{"seq":1,"at":0,"from":"client","to":"client","type":"x","summary":"x","outcome":"info","data":{"a":${deepArray(4100)}}}]}`;
    const r = await send('/api/runs/current/import', 'POST', doc, await ownRun(origin));
    expect(r.status).toBe(400);
    expect(r.type).toBe('application/problem+json');
    expect(r.json).toMatchObject({ status: 400, limit: 'max_depth', max_depth: 64 });
    expect(String(r.json.detail)).toContain('64 levels');
  });

  it('run import over 2 MiB: 413 naming max_bytes', async () => {
    const r = await send('/api/runs/current/import', 'POST', `{"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`, await ownRun(origin));
    expect(r.status).toBe(413);
    expect(r.json).toMatchObject({ status: 413, limit: 'max_bytes', max_bytes: 2 * 1024 * 1024 });
  });

  it('settings PATCH nested 4,100 deep: 400 naming max_depth; the settings are unchanged', async () => {
    const run = await ownRun(origin);
    const r = await send('/api/runs/current', 'PATCH', `{"clockOffset":${deepArray(4100)}}`, run);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ status: 400, limit: 'max_depth', max_depth: 32 });
    const now = await (await fetch(`${origin}/api/runs/current`, { headers: run.owner })).json();
    expect((now as { settings: { clockOffset: number } }).settings.clockOffset).toBe(0);
  });

  it('revoke-by-hand body nested 4,100 deep: 400 naming max_depth', async () => {
    const r = await send('/api/runs/current/revoke', 'POST', `{"token":${deepArray(4100)}}`, await ownRun(origin));
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ status: 400, limit: 'max_depth', max_depth: 32 });
  });

  it('Notes API body nested 4,100 deep: 400 whose problem names the depth limit', async () => {
    const runId = newRun();
    const { verifier, challenge } = newPkce();
    const redirectUri = 'http://127.0.0.1:48125/callback';
    const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read notes:write', state: 's', codeChallenge: challenge });
    const code = (await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', runId })).searchParams.get('code')!;
    const tok = await fetch(`${origin}/as/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-sandbox-run': runId },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'cli', code_verifier: verifier }),
    });
    const { access_token } = (await tok.json()) as { access_token: string };
    const res = await fetch(`${origin}/rs/api/notes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: `{"title":${deepArray(4100)}}`,
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('nested more than 32 levels deep');
  });
});
