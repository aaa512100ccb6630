import { beforeAll, describe, expect, it } from 'vitest';
import { POST as introspectPost } from '@/app/(auth-server)/as/introspect/route';
import { POST as revokePost } from '@/app/(auth-server)/as/revoke/route';
import { GET as userinfoGet, POST as userinfoPost } from '@/app/(auth-server)/as/userinfo/route';
import { POST as tokenPost } from '@/app/(auth-server)/as/token/route';
import { getDb } from '@/lib/store/db';
import { seedCode, TEST_RUN, testDeps, VERIFIER, wallClockNow } from './test-support';

const ORIGIN = 'http://localhost:3000';
const NOTES_API = `Basic ${btoa('notes-api:notes-api-secret')}`;
beforeAll(() => {
  process.env.SANDBOX_ORIGIN = ORIGIN;
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Sandbox-Run': TEST_RUN, ...headers },
    body,
  });

async function accessToken(): Promise<string> {
  const { code, redirectUri } = seedCode(testDeps({}, getDb(), wallClockNow()));
  const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER });
  const res = await tokenPost(post('/as/token', body.toString()));
  return ((await res.json()) as { access_token: string }).access_token;
}

async function expectJsonError(res: Response, description: string) {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(await res.json()).toEqual({ error: 'invalid_request', error_description: description });
}

describe('RFC 6749 §3.1 no parameter twice, at every back-channel endpoint', () => {
  it('RFC 7662 §2.1 introspection refuses a repeated parameter it does not read, before authenticating', async () => {
    await expectJsonError(await introspectPost(post('/as/introspect', 'token=x&foo=1&foo=2', { Authorization: NOTES_API })), 'foo must not be included more than once');
    // Even with no client authentication: the repeat is found first, as at the token endpoint.
    await expectJsonError(await introspectPost(post('/as/introspect', 'token=x&token=y')), 'token must not be included more than once');
  });

  it('RFC 7009 §2.1 revocation refuses a repeated parameter, and revokes nothing', async () => {
    const at = await accessToken();
    const body = `token=${encodeURIComponent(at)}&client_id=cli&token_type_hint=access_token&extra=1&extra=2`;
    await expectJsonError(await revokePost(post('/as/revoke', body)), 'extra must not be included more than once');
    const res = await introspectPost(post('/as/introspect', `token=${encodeURIComponent(at)}`, { Authorization: NOTES_API }));
    expect((await res.json()) as object).toMatchObject({ active: true });
  });

  it('OpenID Connect Core §5.3.1 / RFC 6750 §2.2 UserInfo refuses a repeated form parameter with a Bearer challenge', async () => {
    const at = await accessToken();
    const res = await userinfoPost(post('/as/userinfo', `access_token=${encodeURIComponent(at)}&foo=1&foo=2`));
    expect(res.status).toBe(400);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="as", error="invalid_request", error_description="foo must not be included more than once"');
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: 'foo must not be included more than once' });
  });

  it('the token endpoint refuses scope=a&scope=b&state=1&state=2 on authorization_code over the route', async () => {
    const { code, redirectUri } = seedCode(testDeps({}, getDb(), wallClockNow()));
    const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER });
    const res = await tokenPost(post('/as/token', `${body.toString()}&scope=a&scope=b&state=1&state=2`));
    await expectJsonError(res, 'scope must not be included more than once');
    expect(res.headers.get('pragma')).toBe('no-cache');
  });

  it.each(['Bearer {at}, Bearer {at}', 'Basic YTpi, Bearer {at}'])(
    'RFC 6750 §3.1 UserInfo refuses two Authorization headers joined as %j with 400 invalid_request',
    async (joined) => {
      const at = await accessToken();
      const res = await userinfoGet(new Request(`${ORIGIN}/as/userinfo`, { headers: { Authorization: joined.replaceAll('{at}', at) } }));
      expect(res.status).toBe(400);
      const description = 'the request has more than one Authorization header (or a list of credentials)';
      expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="as", error="invalid_request", error_description="${description}"`);
      expect(await res.json()).toEqual({ error: 'invalid_request', error_description: description });
    },
  );
});
