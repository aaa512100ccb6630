import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { findAccessTokenByJti, findAccessTokenByHash } from '@/lib/store/access-tokens';
import { findGrant } from '@/lib/store/grants';
import { publishedKeys } from './keys';
import { seedCode, T0, TEST_RUN, testDeps, VERIFIER } from './test-support';
import { basicAuth, rejection, tokenRequest } from './token-test-support';
import { tokenHash } from './token-hash';

const REDIRECT = 'http://127.0.0.1:53117/callback';

function codeBody(code: string, extra: Record<string, string> = {}) {
  return { grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: REDIRECT, code_verifier: VERIFIER, ...extra };
}

describe('RFC 6749 §4.1.3 authorization code grant', () => {
  it('T1 exchanges a valid code for an access token, a refresh token and an ID token', async () => {
    const t = testDeps();
    const { code } = seedCode(t);
    const { body } = await tokenRequest(t.deps, codeBody(code));
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'openid profile offline_access notes:read' });
    expect(body.access_token).toEqual(expect.any(String));
    expect(body.refresh_token).toEqual(expect.any(String));
    expect(body.id_token).toEqual(expect.any(String));
    expect(t.recorder.runId).toBe(TEST_RUN);
    expect(t.recorder.events.map((e) => e.type)).toEqual(['client_authentication.succeeded', 'token.issued']);
    expect(t.recorder.events[1]!.tokens!.map((v) => v.kind)).toEqual(['access_token', 'refresh_token', 'id_token']);
    expect(t.recorder.events[1]!.tokens![0]!.payload).toMatchObject({ client_id: 'cli' });
  });

  it('J1 J2 issues an RFC 9068 JWT: ES256, kid, typ at+jwt, iss sub aud client_id iat exp jti scope, sandbox_run', async () => {
    const t = testDeps();
    const { code } = seedCode(t);
    const { body } = await tokenRequest(t.deps, codeBody(code));
    const header = decodeProtectedHeader(body.access_token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: expect.any(String) });
    const jwks = createLocalJWKSet({ keys: await publishedKeys(t.db, t.clock) });
    const { payload } = await jwtVerify(body.access_token, jwks, { currentDate: new Date(T0 * 1000), typ: 'at+jwt' });
    expect(payload).toEqual({
      iss: 'http://localhost:3000/as',
      sub: 'alice',
      aud: 'http://localhost:3000/rs',
      client_id: 'cli',
      scope: 'openid profile offline_access notes:read',
      sandbox_run: TEST_RUN,
      iat: T0,
      exp: T0 + 300,
      jti: expect.any(String),
    });
    expect(findAccessTokenByJti(t.db, payload.jti!)).toMatchObject({ format: 'jwt', runId: TEST_RUN, revokedAt: null });
  });

  it('issues an opaque access token, stored only by its hash, when the run says so', async () => {
    const t = testDeps({ accessTokenFormat: 'opaque', accessTokenTtl: 60 });
    const { code } = seedCode(t);
    const { body } = await tokenRequest(t.deps, codeBody(code));
    expect(body.access_token.split('.')).toHaveLength(1);
    expect(body.expires_in).toBe(60);
    expect(findAccessTokenByHash(t.db, tokenHash(body.access_token))).toMatchObject({ format: 'opaque', expiresAt: T0 + 60 });
  });

  it('issues no refresh token without offline_access, and no ID token without openid', async () => {
    const t = testDeps();
    const { code } = seedCode(t, { scope: 'notes:read' });
    const { body } = await tokenRequest(t.deps, codeBody(code));
    expect(body).not.toHaveProperty('refresh_token');
    expect(body).not.toHaveProperty('id_token');
    expect(body.scope).toBe('notes:read');
  });

  it('authenticates a confidential client with Basic and redeems its code', async () => {
    const t = testDeps();
    const { code, redirectUri } = seedCode(t, { clientId: 'notes-assistant', redirectUri: 'http://localhost:3000/api/auth/callback/sandbox' });
    const { body } = await tokenRequest(
      t.deps,
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: VERIFIER },
      basicAuth('notes-assistant', 'notes-assistant-secret'),
    );
    expect(body.token_type).toBe('Bearer');
  });

  it('accepts an omitted redirect_uri when the authorization request had none', async () => {
    const t = testDeps();
    const { code } = seedCode(t, { redirectUriInRequest: false });
    const { redirect_uri: _omit, ...rest } = codeBody(code);
    void _omit;
    const { body } = await tokenRequest(t.deps, rest);
    expect(body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
  });

  it('T12 answers invalid_grant to a replayed code and revokes every token issued from it', async () => {
    const t = testDeps();
    const { code, grantId } = seedCode(t);
    const first = await tokenRequest(t.deps, codeBody(code));
    expect(await rejection(tokenRequest(t.deps, codeBody(code)))).toEqual([
      'invalid_grant',
      'the authorization code was already used; the tokens issued from it are revoked',
      400,
    ]);
    expect(findGrant(t.db, grantId)!.revokedAt).toBe(T0);
    const jti = (await jwtVerify(first.body.access_token, createLocalJWKSet({ keys: await publishedKeys(t.db, t.clock) }), { currentDate: new Date(T0 * 1000) })).payload.jti!;
    expect(findAccessTokenByJti(t.db, jti)!.revokedAt).toBe(T0);
    expect((await rejection(tokenRequest(t.deps, { grant_type: 'refresh_token', client_id: 'cli', refresh_token: first.body.refresh_token! })))[0]).toBe('invalid_grant');
    expect(t.recorder.events.map((e) => e.type)).toContain('authorization_code.replayed');
  });

  it('T12 of two concurrent redemptions of one code, exactly one succeeds', async () => {
    const t = testDeps();
    const { code } = seedCode(t);
    const results = await Promise.allSettled([tokenRequest(t.deps, codeBody(code)), tokenRequest(t.deps, codeBody(code)), tokenRequest(t.deps, codeBody(code))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('invalid_grant');
  });

  it('T13 answers invalid_grant for a code past its 60 s lifetime', async () => {
    const t = testDeps();
    const { code } = seedCode(t);
    t.clock.advance(60);
    expect(await rejection(tokenRequest(t.deps, codeBody(code)))).toEqual(['invalid_grant', 'the authorization code has expired', 400]);
  });

  it("T14 answers invalid_grant when another client redeems the code", async () => {
    const t = testDeps();
    const { code } = seedCode(t);
    const { client_id: _c, ...rest } = codeBody(code);
    void _c;
    expect(await rejection(tokenRequest(t.deps, rest, basicAuth('notes-assistant', 'notes-assistant-secret')))).toEqual([
      'invalid_grant',
      'the authorization code was issued to another client',
      400,
    ]);
  });

  it('T15 answers invalid_grant for a redirect_uri that differs from the authorization request', async () => {
    const t = testDeps();
    const { code } = seedCode(t);
    expect(await rejection(tokenRequest(t.deps, codeBody(code, { redirect_uri: `${REDIRECT}?x` })))).toEqual([
      'invalid_grant',
      'redirect_uri does not match the one in the authorization request',
      400,
    ]);
  });

  it('T15b answers invalid_request when redirect_uri is omitted although it was in the authorization request', async () => {
    const t = testDeps();
    const { code } = seedCode(t);
    const { redirect_uri: _omit, ...rest } = codeBody(code);
    void _omit;
    expect(await rejection(tokenRequest(t.deps, rest))).toEqual([
      'invalid_request',
      'redirect_uri is required: the authorization request included it',
      400,
    ]);
  });

  it('T11 answers invalid_request when code, redirect_uri or grant_type is sent twice', async () => {
    const t = testDeps();
    const { code } = seedCode(t);
    const base = new URLSearchParams(codeBody(code)).toString();
    for (const dup of [`code=${code}`, `redirect_uri=${encodeURIComponent(REDIRECT)}`, 'grant_type=authorization_code']) {
      const [err, description] = await rejection(tokenRequest(t.deps, `${base}&${dup}`));
      expect([err, description]).toEqual(['invalid_request', `${dup.split('=')[0]} must not be included more than once`]);
    }
  });

  it('answers invalid_grant for an unknown code and invalid_request for a missing one', async () => {
    const t = testDeps();
    expect(await rejection(tokenRequest(t.deps, codeBody('nope')))).toEqual(['invalid_grant', 'unknown authorization code', 400]);
    expect(await rejection(tokenRequest(t.deps, { grant_type: 'authorization_code', client_id: 'cli' }))).toEqual([
      'invalid_request',
      'code is required',
      400,
    ]);
  });

  it('J3 accepts resource equal to the resource server; J4 answers invalid_target otherwise', async () => {
    const t = testDeps();
    const ok = seedCode(t);
    const { body } = await tokenRequest(t.deps, codeBody(ok.code, { resource: 'http://localhost:3000/rs' }));
    // RFC 8707 §2.2 / RFC 9068 §3: the token is for the resource asked for.
    expect(decodeJwt(body.access_token).aud).toBe('http://localhost:3000/rs');
    for (const [resource, description] of [
      ['/rs', 'resource must be an absolute URI (RFC 8707 section 2)'],
      ['http://localhost:3000/rs#x', 'resource must not contain a fragment (RFC 8707 section 2)'],
      ['http://other.example/api', 'resource http://other.example/api was not granted: tokens here are for http://localhost:3000/rs'],
    ]) {
      const { code } = seedCode(t);
      expect(await rejection(tokenRequest(t.deps, codeBody(code, { resource: resource! })))).toEqual(['invalid_target', description, 400]);
    }
  });
});

describe('RFC 7636 PKCE at the token endpoint', () => {
  it('P5 §4.6 answers invalid_grant for a mismatched code_verifier', async () => {
    const t = testDeps();
    const { code } = seedCode(t);
    expect(await rejection(tokenRequest(t.deps, codeBody(code, { code_verifier: 'x'.repeat(43) })))).toEqual([
      'invalid_grant',
      'code_verifier does not match the code_challenge',
      400,
    ]);
  });

  it('P6 answers invalid_grant for a missing code_verifier', async () => {
    const t = testDeps();
    const { code } = seedCode(t);
    const { code_verifier: _v, ...rest } = codeBody(code);
    void _v;
    expect(await rejection(tokenRequest(t.deps, rest))).toEqual([
      'invalid_grant',
      'code_verifier is required: the authorization request had a code_challenge',
      400,
    ]);
  });

  it('P7 answers invalid_grant for a verifier when no challenge was stored', async () => {
    const t = testDeps();
    const { code } = seedCode(t);
    t.db.prepare("UPDATE as_authorization_codes SET code_challenge = ''").run();
    expect((await rejection(tokenRequest(t.deps, codeBody(code))))[0]).toBe('invalid_grant');
  });

  it('P8 §4.1 answers invalid_request for a verifier of 42 or 129 characters or a bad character', async () => {
    const t = testDeps();
    const { code } = seedCode(t);
    for (const v of ['a'.repeat(42), 'a'.repeat(129), `${'a'.repeat(42)}+`]) {
      expect(await rejection(tokenRequest(t.deps, codeBody(code, { code_verifier: v })))).toEqual([
        'invalid_request',
        'code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 section 4.1)',
        400,
      ]);
    }
  });

  it('P8 lets verifiers of 43 and 128 characters through the format check', async () => {
    for (const v of ['a'.repeat(43), 'b'.repeat(128)]) {
      const t = testDeps();
      const { code } = seedCode(t, { verifier: v });
      const { body } = await tokenRequest(t.deps, codeBody(code, { code_verifier: v }));
      expect(body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    }
  });
});

describe('mutation testing (npm run mutation): the code exchange on the timeline', () => {
  // OpenID Connect Core §11 (offline_access → refresh token) and §3.1.3.3 (openid → ID token):
  // the timeline says which tokens came with the access token.
  it.each([
    ['openid profile offline_access notes:read', true, true],
    ['notes:read', false, false],
  ])('records token.issued from the client to the AS for scope %j: refresh token %s, ID token %s', async (scope, refresh, id) => {
    const t = testDeps();
    const { code } = seedCode(t, { scope });
    await tokenRequest(t.deps, codeBody(code));
    expect(t.recorder.events.at(-1)).toMatchObject({
      from: 'client',
      to: 'auth-server',
      type: 'token.issued',
      outcome: 'ok',
      data: { grant_type: 'authorization_code', client_id: 'cli', scope, refresh_token: refresh, id_token: id },
    });
  });
});

describe('mutation testing (npm run mutation): a replayed code on the timeline', () => {
  // RFC 6749 §4.1.2 / RFC 9700 §4.2.4: the replay is refused and recorded as a denial, naming the
  // client that sent it and the grant that was revoked.
  it('RFC 9700 §4.2.4 records authorization_code.replayed from the client, denied, with client and grant', async () => {
    const t = testDeps();
    const { code, grantId } = seedCode(t);
    await tokenRequest(t.deps, codeBody(code));
    await rejection(tokenRequest(t.deps, codeBody(code)));
    expect(t.recorder.events.find((e) => e.type === 'authorization_code.replayed')).toMatchObject({
      from: 'client',
      to: 'auth-server',
      outcome: 'denied',
      data: { client_id: 'cli', grant_id: grantId },
    });
  });
});
