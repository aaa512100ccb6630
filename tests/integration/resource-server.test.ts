import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl, newPkce } from './helpers/authorize';
import { rotateSigningKeys } from './helpers/signing-keys';

/**
 * The Notes API at /rs against the running server, with tokens from the
 * real authorization server: as `cli` (authorization code + PKCE, through
 * the AS's own sign-in and consent forms) and as `reporting-service`
 * (client_credentials). Each test uses its own run (X-Sandbox-Run-Key).
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const resourceMetadata = `${origin}/.well-known/oauth-protected-resource/rs`;
const redirectUri = 'http://127.0.0.1:48124/callback';

/** A run of the test's own, held by its key (a well-formed key is a run of its own): sent as X-Sandbox-Run-Key throughout. */
const newRun = () => `runkey_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function userToken(runId: string, user: 'alice' | 'bob' | 'carol', opts: { readOnly?: boolean } = {}): Promise<string> {
  const { verifier, challenge } = newPkce();
  const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read notes:write', state: 's', codeChallenge: challenge });
  const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user, runKey: runId, ...(opts.readOnly ? { uncheck: ['notes:write'] } : {}) });
  const code = callback.searchParams.get('code');
  expect(code, callback.toString()).toBeTruthy();
  const res = await fetch(`${origin}/as/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-sandbox-run-key': runId },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, redirect_uri: redirectUri, client_id: 'cli', code_verifier: verifier }),
  });
  const body = (await res.json()) as { access_token: string };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.access_token;
}

async function serviceToken(runId: string): Promise<string> {
  const res = await fetch(`${origin}/as/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('reporting-service', 'reporting-service-secret'), 'x-sandbox-run-key': runId },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'notes:read' }),
  });
  const body = (await res.json()) as { access_token: string };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.access_token;
}

function rs(path: string, o: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${origin}/rs/api/notes${path}`, { method: o.method ?? 'GET', headers, ...(o.body !== undefined ? { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) } : {}) });
}

async function settings(runId: string, update: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${origin}/api/runs/current`, { method: 'PATCH', headers: { 'x-sandbox-run-key': runId, 'content-type': 'application/json' }, body: JSON.stringify(update) });
  expect(res.status).toBe(200);
}

interface Ev { type: string; from: string; to: string; checks?: { name: string; passed: boolean }[] }
async function events(runId: string): Promise<Ev[]> {
  const res = await fetch(`${origin}/api/runs/current/events`, { headers: { 'x-sandbox-run-key': runId } });
  return ((await res.json()) as { events: Ev[] }).events;
}

const ids = async (res: Response) => ((await res.json()) as { notes: { id: string }[] }).notes.map((n) => n.id);

describe('RFC 9728 protected resource metadata', () => {
  it('PR1 names the resource exactly, the AS, the scopes and the header method', async () => {
    const res = await fetch(resourceMetadata, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      resource: `${origin}/rs`,
      authorization_servers: [`${origin}/as`],
      scopes_supported: ['notes:read', 'notes:write'],
      bearer_methods_supported: ['header'],
    });
  });
});

describe('RFC 6750 §3.1 errors at the Notes API', () => {
  it('RS1 no token: 401 with realm and resource_metadata, no error code', async () => {
    const res = await rs('');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="notes-api", resource_metadata="${resourceMetadata}"`);
  });

  it.each([
    ['a malformed header', { headers: { authorization: 'Bearer a b' } }, ''],
    ['a token in the query string', {}, '?access_token=abc'],
    ['a token in the header and the query', { token: 'abc' }, '?access_token=abc'],
  ])('RS4/RS5 %s: 400 invalid_request', async (_name, o, query) => {
    const res = await rs(query, o);
    expect(res.status).toBe(400);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="notes-api", error="invalid_request", error_description="[^"]+"/);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('RS2 a garbage token and a forged alg:none JWT: 401 invalid_token with a description', async () => {
    const garbage = await rs('', { token: 'not-a-real-token' });
    expect(garbage.status).toBe(401);
    expect(garbage.headers.get('www-authenticate')).toContain('error="invalid_token", error_description="the authorization server says the token is not active');
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${enc({ alg: 'none', typ: 'at+jwt' })}.${enc({ iss: `${origin}/as`, aud: `${origin}/rs`, sub: 'carol', client_id: 'cli', scope: 'notes:write', exp: 9999999999, iat: 1, jti: 'x' })}.`;
    const forged = await rs('', { token: none });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toContain('error="invalid_token", error_description="alg none is not allowed; only ES256, RS256"');
  });
});

describe('bad input never gives a 500', () => {
  it('a body over 64 KiB, a broken path, a JWT with a non-JSON payload, an unknown method', async () => {
    const runId = newRun();
    const t = await userToken(runId, 'alice');
    const big = await rs('/n1', { token: t, method: 'PATCH', body: JSON.stringify({ title: 'x', body: 'a'.repeat(70_000) }) });
    expect(big.status).toBe(400);
    const broken = await fetch(`${origin}/rs/api/notes/%E0%A4%A`, { headers: { authorization: `Bearer ${t}` } });
    expect(broken.status).toBeLessThan(500);
    const enc = (o: string) => Buffer.from(o).toString('base64url');
    const notJson = await rs('', { token: `${enc('{"alg":"ES256","typ":"at+jwt"}')}.${enc('not json')}.${enc('sig')}` });
    expect(notJson.status).toBe(401);
    const put = await fetch(`${origin}/rs/api/notes/n1`, { method: 'PUT', headers: { authorization: `Bearer ${t}` } });
    expect(put.status).toBe(405);
  });
});

describe('scope and policy with real tokens (cli, reporting-service)', () => {
  it('a read-only consent reads but gets 403 insufficient_scope on write', async () => {
    const runId = newRun();
    const t = await userToken(runId, 'alice', { readOnly: true });
    const list = await rs('', { token: t });
    expect(list.status).toBe(200);
    expect(await ids(list)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n7']);
    const write = await rs('', { token: t, method: 'POST', body: { title: 'x' } });
    expect(write.status).toBe(403);
    expect(write.headers.get('www-authenticate')).toBe(
      `Bearer realm="notes-api", error="insufficient_scope", error_description="create needs the notes:write scope", scope="notes:write", resource_metadata="${resourceMetadata}"`,
    );
    const evs = await events(runId);
    const rsEvents = evs.filter((e) => ['resource_request.received', 'access_token.verified', 'policy.allowed', 'policy.denied', 'resource.answered'].includes(e.type));
    expect(rsEvents.map((e) => e.type)).toEqual([
      'resource_request.received', 'access_token.verified', 'policy.allowed', 'resource.answered',
      'resource_request.received', 'access_token.verified', 'policy.denied', 'resource.answered',
    ]);
    expect(rsEvents[1]!.checks!.every((c) => c.passed)).toBe(true);
  });

  it('the policy decides what the scope cannot: viewer, sharing, ownership, 404 and bad fields', async () => {
    const runId = newRun();
    const bob = await userToken(runId, 'bob');
    const refused = await rs('/n4', { token: bob, method: 'PATCH', body: { title: 'mine' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toMatchObject({ status: 403, rule: 'role-viewer', step: 'role', title: 'Refused by the Notes API policy' });

    const alice = await userToken(runId, 'alice');
    expect((await rs('/n4', { token: alice, method: 'PATCH', body: { title: 'Project plan v2' } })).status).toBe(200);
    expect(await (await rs('/n5', { token: alice, method: 'PATCH', body: { title: 'x' } })).json()).toMatchObject({ rule: 'shared-read-only', detail: 'bob shared note n5 with alice read-only: alice may read it, not edit it.' });
    expect(await (await rs('/n4', { token: alice, method: 'DELETE' })).json()).toMatchObject({ rule: 'only-owner-deletes' });
    expect(await (await rs('/n3', { token: alice, method: 'PATCH', body: { title: 'x' } })).json()).toMatchObject({ rule: 'archived-read-only' });
    expect((await rs('/n6', { token: alice })).status).toBe(403);
    const missing = await rs('/nope', { token: alice });
    expect(missing.status).toBe(404);
    const bad = await rs('', { token: alice, method: 'POST', body: { title: 'ok', colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'colour', detail: 'colour is not a field of a note.' });
    expect((await rs('', { token: alice, method: 'POST', body: '{oops' })).status).toBe(400);
    const created = await rs('', { token: alice, method: 'POST', body: { title: 'From the test' } });
    expect(created.status).toBe(201);
    const carol = await userToken(runId, 'carol');
    expect((await rs('/n6', { token: carol })).status).toBe(200);
  });

  it('a client_credentials token reads public notes only', async () => {
    const runId = newRun();
    const t = await serviceToken(runId);
    expect(await ids(await rs('', { token: t }))).toEqual(['n2', 'n7']);
    const res = await rs('/n1', { token: t });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ rule: 'service-public-only' });
  });
});

describe('two ways to know a token is valid (RFC 9068 local, RFC 7662 introspection)', () => {
  it('introspection mode asks the AS on every request, and both sides record it', async () => {
    const runId = newRun();
    const t = await userToken(runId, 'alice');
    await settings(runId, { verificationMode: 'introspection' });
    expect((await rs('/n1', { token: t })).status).toBe(200);
    const evs = await events(runId);
    const answered = evs.filter((e) => e.type === 'introspection.answered');
    // Both sides record the exchange (issue 9 item 7): the RS its request RS → AS (RFC 7662 §2.1), the AS its answer AS → RS (§2.2).
    expect(answered.map((e) => `${e.from}->${e.to}`).sort()).toEqual(['auth-server->resource-server', 'resource-server->auth-server']);
    const verified = evs.filter((e) => e.type === 'access_token.verified').pop()!;
    expect(verified.checks!.map((c) => c.name)).toContain('active');
  });

  it('a revoked token: introspection refuses it at once; local verification accepts it until it expires', async () => {
    const runId = newRun();
    const t = await userToken(runId, 'alice');
    const revoke = await fetch(`${origin}/as/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-sandbox-run-key': runId },
      body: new URLSearchParams({ token: t, token_type_hint: 'access_token', client_id: 'cli' }),
    });
    expect(revoke.status).toBe(200);
    expect((await rs('', { token: t })).status).toBe(200); // local: no call to the AS, still valid
    await settings(runId, { verificationMode: 'introspection' });
    const res = await rs('', { token: t });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token", error_description="the authorization server says the token is not active');
    await settings(runId, { verificationMode: 'local', clockOffset: 3600 });
    const expired = await rs('', { token: t });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toMatch(/error="invalid_token", error_description="the token expired at \d+/);
  });

  it('an opaque access token is introspected even in local mode', async () => {
    const runId = newRun();
    await settings(runId, { accessTokenFormat: 'opaque' });
    const t = await userToken(runId, 'alice');
    expect(t.split('.')).toHaveLength(1);
    expect((await rs('/n1', { token: t })).status).toBe(200);
    expect((await events(runId)).some((e) => e.type === 'introspection.answered' && e.from === 'resource-server')).toBe(true);
  });

  it('a key rotation while the RS runs: a token with the new kid is accepted (unknown kid, one JWKS refetch)', async () => {
    const runId = newRun();
    const before = await userToken(runId, 'alice');
    expect((await rs('', { token: before })).status).toBe(200); // the RS has the JWKS cached now
    const rotated = await rotateSigningKeys(origin, { 'x-sandbox-run-key': runId });
    expect(rotated.status).toBe(200);
    const after = await userToken(runId, 'alice');
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    expect((await rs('', { token: after })).status).toBe(200);
    expect((await rs('', { token: before })).status).toBe(200); // the previous key stays in the JWKS
  });
});
