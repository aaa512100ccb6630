import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { seedCode, testDeps, VERIFIER } from './test-support';
import { basicAuth, rejection, tokenRequest } from './token-test-support';

const RS = 'http://localhost:3000/rs';

function codeForm(code: string, redirectUri: string, extra = ''): string {
  const base = new URLSearchParams({ grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER });
  return extra ? `${base.toString()}&${extra}` : base.toString();
}

describe('RFC 6749 §3.2 / RFC 8707 §2 parameter repetition at the token endpoint', () => {
  it('§3.2 refuses scope=a&scope=b&state=1&state=2 on authorization_code, naming the first repeated parameter', async () => {
    const t = testDeps();
    const { code, redirectUri } = seedCode(t);
    expect(await rejection(tokenRequest(t.deps, codeForm(code, redirectUri, 'scope=a&scope=b&state=1&state=2')))).toEqual([
      'invalid_request',
      'scope must not be included more than once',
      400,
    ]);
    // The code was not spent: the request never reached the grant.
    const { body } = await tokenRequest(t.deps, codeForm(code, redirectUri));
    expect(body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), scope: 'openid profile offline_access notes:read' });
  });

  it.each([
    ['state=1&state=2', 'state'],
    ['foo=1&foo=2', 'foo'],
    ['client_id=cli', 'client_id'],
    ['code_verifier=x', 'code_verifier'],
  ])('§3.2 refuses any repeated parameter (%s) before dispatch, whether the grant takes it or not', async (extra, name) => {
    const t = testDeps();
    const { code, redirectUri } = seedCode(t);
    expect(await rejection(tokenRequest(t.deps, codeForm(code, redirectUri, extra)))).toEqual([
      'invalid_request',
      `${name} must not be included more than once`,
      400,
    ]);
    expect(t.recorder.events.map((e) => e.type)).toEqual(['token_request.rejected']);
  });

  it('refuses a repeated parameter of the refresh_token and client_credentials grants too', async () => {
    const t = testDeps();
    const cc = 'grant_type=client_credentials&scope=notes:read&scope=notes:read';
    expect(await rejection(tokenRequest(t.deps, cc, basicAuth('reporting-service', 'reporting-service-secret')))).toEqual([
      'invalid_request',
      'scope must not be included more than once',
      400,
    ]);
    const rt = 'grant_type=refresh_token&client_id=cli&refresh_token=a&refresh_token=b';
    expect(await rejection(tokenRequest(t.deps, rt))).toEqual(['invalid_request', 'refresh_token must not be included more than once', 400]);
  });

  it('RFC 8707 §2 accepts resource repeated, as sent to the authorization endpoint', async () => {
    const t = testDeps();
    const { code, redirectUri } = seedCode(t);
    const r = encodeURIComponent(RS);
    const { body } = await tokenRequest(t.deps, codeForm(code, redirectUri, `resource=${r}&resource=${r}`));
    // RFC 9068 §3: one resource, so aud is that one resource.
    expect(decodeJwt(body.access_token).aud).toBe(RS);
  });

  it('RFC 8707 §2.2 refuses with invalid_target when any of several resources is outside the grant', async () => {
    const t = testDeps();
    const { code, redirectUri } = seedCode(t);
    const extra = `resource=${encodeURIComponent(RS)}&resource=${encodeURIComponent('https://other.example/api')}`;
    expect(await rejection(tokenRequest(t.deps, codeForm(code, redirectUri, extra)))).toEqual([
      'invalid_target',
      `resource https://other.example/api was not granted: tokens here are for ${RS}`,
      400,
    ]);
  });

  it('ignores parameters the grant does not take: a malformed scope on authorization_code is not read', async () => {
    const t = testDeps();
    const { code, redirectUri } = seedCode(t);
    // scope is not a parameter of §4.1.3; refresh_token is not either.
    const { body } = await tokenRequest(t.deps, codeForm(code, redirectUri, 'scope=%22bad%22&refresh_token=x'));
    expect(body.scope).toBe('openid profile offline_access notes:read');
  });

  it('ignores code and redirect_uri on client_credentials', async () => {
    const t = testDeps();
    const form = 'grant_type=client_credentials&scope=notes:read&code=x&redirect_uri=%20&code_verifier=short';
    const { body } = await tokenRequest(t.deps, form, basicAuth('reporting-service', 'reporting-service-secret'));
    expect(body.scope).toBe('notes:read');
  });
});
