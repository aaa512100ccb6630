import { newRunKey } from '@/lib/runs/run-id';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as introspectPost, GET as introspectGet } from '@/app/(auth-server)/as/introspect/route';
import { POST as revokePost } from '@/app/(auth-server)/as/revoke/route';
import { GET as userinfoGet, POST as userinfoPost } from '@/app/(auth-server)/as/userinfo/route';
import { POST as tokenPost } from '@/app/(auth-server)/as/token/route';
import { GET as jwksGet } from '@/app/(auth-server)/as/jwks/route';
import { POST as rotatePost } from '@/app/(sandbox)/api/keys/rotate/route';
import { getDb } from '@/lib/store/db';
import { seedCode, TEST_RUN, testDeps, VERIFIER, wallClockNow } from './test-support';

const ORIGIN = 'http://localhost:3000';
const NOTES_API = `Basic ${btoa('notes-api:notes-api-secret')}`;
beforeAll(() => {
  process.env.SANDBOX_ORIGIN = ORIGIN;
});

const form = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Sandbox-Run': TEST_RUN, ...headers },
    body: new URLSearchParams(body).toString(),
  });

async function tokens(scope?: string) {
  const { code, redirectUri } = seedCode(testDeps({}, getDb(), wallClockNow()), scope ? { scope } : {});
  const res = await tokenPost(form('/as/token', { grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER }));
  return (await res.json()) as { access_token: string; refresh_token?: string; id_token?: string };
}

describe('RFC 7662 introspection endpoint', () => {
  it('I1 answers 401 invalid_client without client authentication', async () => {
    const res = await introspectPost(form('/as/introspect', { token: 'x' }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'client authentication is required' });
  });

  it('I1 answers 401 invalid_client to a public client', async () => {
    const res = await introspectPost(form('/as/introspect', { token: 'x', client_id: 'cli' }));
    expect(res.status).toBe(401);
    expect((await res.json()) as object).toMatchObject({ error: 'invalid_client' });
  });

  it('I5 answers with Cache-Control: no-store, exactly {"active":false} for garbage', async () => {
    const res = await introspectPost(form('/as/introspect', { token: 'garbage' }, { Authorization: NOTES_API }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('{"active":false}');
  });

  it('I3 answers active:true for a live token', async () => {
    const { access_token } = await tokens();
    const res = await introspectPost(form('/as/introspect', { token: access_token, token_type_hint: 'access_token' }, { Authorization: NOTES_API }));
    expect((await res.json()) as object).toMatchObject({ active: true, sub: 'alice', client_id: 'cli' });
  });

  it('answers GET with 405', async () => {
    expect(introspectGet().status).toBe(405);
  });
});

describe('RFC 7009 revocation endpoint', () => {
  it('R1 answers 200 for a garbage token', async () => {
    const res = await revokePost(form('/as/revoke', { token: 'garbage', client_id: 'cli' }));
    expect(res.status).toBe(200);
  });

  it('answers 401 invalid_client with a Basic challenge for bad credentials', async () => {
    const res = await revokePost(form('/as/revoke', { token: 'x' }, { Authorization: `Basic ${btoa('notes-api:nope')}` }));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('R2 revoking the refresh token makes the access token inactive', async () => {
    const { access_token, refresh_token } = await tokens();
    expect((await revokePost(form('/as/revoke', { token: refresh_token!, client_id: 'cli' }))).status).toBe(200);
    const res = await introspectPost(form('/as/introspect', { token: access_token }, { Authorization: NOTES_API }));
    expect(await res.json()).toEqual({ active: false });
  });
});

describe('OpenID Connect Core §5.3 UserInfo', () => {
  const get = (headers: Record<string, string>, query = '') => userinfoGet(new Request(`${ORIGIN}/as/userinfo${query}`, { headers }));

  it('O5 answers sub, name and role for a token with openid and profile (no email: OIDC Core §5.4 gives it to the email scope)', async () => {
    const { access_token } = await tokens();
    const res = await get({ Authorization: `Bearer ${access_token}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ sub: 'alice', name: 'Alice', role: 'editor' });
  });

  it('O5 answers only sub without profile, and accepts the token in a POST form body', async () => {
    const { access_token } = await tokens('openid notes:read');
    const res = await userinfoPost(form('/as/userinfo', { access_token }));
    expect(await res.json()).toEqual({ sub: 'alice' });
  });

  it('RFC 6750 §3.1 answers 401 with a bare Bearer challenge when no token is sent', async () => {
    const res = await get({});
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="as"');
  });

  it('RFC 6750 §3.1 answers 401 invalid_token for a garbage token', async () => {
    const res = await get({ Authorization: 'Bearer garbage' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="as", error="invalid_token", error_description="the access token is not known here"');
  });

  it('RFC 6750 §3.1 answers 403 insufficient_scope for a token without openid', async () => {
    const { access_token } = await tokens('notes:read');
    const res = await get({ Authorization: `Bearer ${access_token}` });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer realm="as", error="insufficient_scope", error_description="the access token does not carry the openid scope", scope="openid"',
    );
  });

  it('RFC 6750 §3.1 answers 400 invalid_request for a malformed header or a token in the query', async () => {
    for (const [headers, query] of [[{ Authorization: 'Bearer a b' }, ''], [{ Authorization: 'Bearer' }, ''], [{}, '?access_token=x']] as const) {
      const res = await get(headers, query);
      expect(res.status).toBe(400);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="as", error="invalid_request"/);
    }
  });
});

describe('sandbox key rotation endpoint', () => {
  it('rotates the keys: new kids in the JWKS, the previous ones kept, a token signed before still introspects', async () => {
    const { access_token } = await tokens();
    const before = ((await (await jwksGet(new Request(`${ORIGIN}/as/jwks`))).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    const named = await rotatePost(new Request(`${ORIGIN}/api/keys/rotate`, { method: 'POST', headers: { 'X-Sandbox-Run': TEST_RUN } }));
    expect(named.status).toBe(403);
    const crossOrigin = await rotatePost(new Request(`${ORIGIN}/api/keys/rotate`, { method: 'POST', headers: { 'X-Sandbox-Run-Key': newRunKey(), Origin: 'http://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' } }));
    expect(crossOrigin.status).toBe(403);
    const res = await rotatePost(new Request(`${ORIGIN}/api/keys/rotate`, { method: 'POST', headers: { 'X-Sandbox-Run-Key': newRunKey() } }));
    expect(res.status).toBe(200);
    const { accessTokenKid, idTokenKid } = (await res.json()) as { accessTokenKid: string; idTokenKid: string };
    const after = ((await (await jwksGet(new Request(`${ORIGIN}/as/jwks`))).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    expect(after).toEqual(expect.arrayContaining([...before, accessTokenKid, idTokenKid]));
    const intro = await introspectPost(form('/as/introspect', { token: access_token }, { Authorization: NOTES_API }));
    expect(((await intro.json()) as { active: boolean }).active).toBe(true);
  });
});
