import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl, newPkce } from './helpers/authorize';
import { newRun as ownRun } from './helpers/run';

/**
 * A scope the run invents, through a full `cli` flow: asked for, shown and
 * granted at consent, carried in the token and the introspection answer,
 * and enforced by the Notes API (RFC 6750 §3.1 insufficient_scope naming it).
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const redirectUri = 'http://127.0.0.1:48125/callback';
const newRun = () => `it-scope-${crypto.randomUUID().replace(/-/g, '')}`;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

const POLICY = {
  scopes: {
    'notes:read': 'Read your notes',
    'notes:write': 'Create and edit notes',
    'notes:purge': { meaning: 'Delete notes for good', clients: ['cli'] },
  },
  actions: { list: ['notes:read'], read: ['notes:read'], create: ['notes:write'], update: ['notes:write'], delete: ['notes:purge'] },
  rules: [],
};

async function authorize(runId: string, scope: string): Promise<URL> {
  const { verifier, challenge } = newPkce();
  const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope, state: 's', codeChallenge: challenge });
  const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', runId });
  callback.searchParams.set('verifier', verifier);
  return callback;
}

async function token(runId: string, scope: string): Promise<{ access_token: string; scope: string }> {
  const callback = await authorize(runId, scope);
  const code = callback.searchParams.get('code');
  expect(code, callback.toString()).toBeTruthy();
  const res = await fetch(`${origin}/as/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-sandbox-run': runId },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, redirect_uri: redirectUri, client_id: 'cli', code_verifier: callback.searchParams.get('verifier')! }),
  });
  const body = (await res.json()) as { access_token: string; scope: string };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

const del = (t: string, id: string) => fetch(`${origin}/rs/api/notes/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${t}` } });

describe("a run's own scope through a full cli flow", () => {
  it('notes:purge: refused without it (insufficient_scope naming it), granted, in the token and introspection, then the delete succeeds', async () => {
    // The policy is the owner's to change (run key); the flow then only names the run.
    const run = await ownRun(origin);
    const runId = run.id;
    const put = await fetch(`${origin}/api/runs/current/policy`, { method: 'PUT', headers: { 'content-type': 'application/json', ...run.owner }, body: JSON.stringify(POLICY) });
    expect(put.status).toBe(200);

    const write = await token(runId, 'notes:read notes:write');
    const refused = await del(write.access_token, 'n1');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toBe(
      `Bearer realm="notes-api", error="insufficient_scope", error_description="delete needs the notes:purge scope", scope="notes:purge", resource_metadata="${origin}/.well-known/oauth-protected-resource/rs"`,
    );

    const purge = await token(runId, 'notes:read notes:purge');
    expect(purge.scope).toBe('notes:read notes:purge');
    expect(decodeJwt(purge.access_token).scope).toBe('notes:read notes:purge');
    const intro = await fetch(`${origin}/as/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('notes-api', 'notes-api-secret') },
      body: new URLSearchParams({ token: purge.access_token }),
    });
    expect(await intro.json()).toMatchObject({ active: true, scope: 'notes:read notes:purge', client_id: 'cli', sub: 'alice' });

    expect((await del(purge.access_token, 'n1')).status).toBe(204);
    expect((await fetch(`${origin}/rs/api/notes/n1`, { headers: { authorization: `Bearer ${purge.access_token}` } })).status).toBe(404);
  });

  it('the cli client may ask only for what the run defines for it', async () => {
    const elsewhere = await authorize(newRun(), 'notes:read notes:purge');
    expect(elsewhere.searchParams.get('error')).toBe('invalid_scope');
    expect(elsewhere.searchParams.get('error_description')).toBe('unknown scope notes:purge');

    const run = await ownRun(origin);
    const runId = run.id;
    const onlyAssistant = { ...POLICY, scopes: { ...POLICY.scopes, 'notes:purge': { meaning: 'Delete notes for good', clients: ['notes-assistant'] } } };
    expect((await fetch(`${origin}/api/runs/current/policy`, { method: 'PUT', headers: { 'content-type': 'application/json', ...run.owner }, body: JSON.stringify(onlyAssistant) })).status).toBe(200);
    const refused = await authorize(runId, 'notes:read notes:purge');
    expect(refused.searchParams.get('error')).toBe('invalid_scope');
    expect(refused.searchParams.get('error_description')).toBe('cli may not ask for scope notes:purge');
  });
});
