import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { Params } from '@/lib/oauth/params';
import { clientRegistry } from './clients';
import { introspect } from './introspection';
import { revoke } from './revocation';
import { seedCode, T0, TEST_RUN, testDeps, VERIFIER } from './test-support';
import { basicAuth, rejection, tokenRequest } from './token-test-support';

const notesApi = clientRegistry().find('notes-api')!;
const assistant = clientRegistry().find('notes-assistant')!;
const cli = clientRegistry().find('cli')!;

async function issued(t: ReturnType<typeof testDeps>) {
  const { code, redirectUri } = seedCode(t);
  return (await tokenRequest(t.deps, { grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER })).body;
}
const ask = (t: ReturnType<typeof testDeps>, token: string, client = notesApi, hint?: string) =>
  introspect({ client, form: Params.fromForm(new URLSearchParams({ token, ...(hint ? { token_type_hint: hint } : {}) }).toString()) }, t.deps);
const revokeAs = (t: ReturnType<typeof testDeps>, token: string, client = cli, hint?: string) =>
  revoke({ client, form: Params.fromForm(new URLSearchParams({ token, ...(hint ? { token_type_hint: hint } : {}) }).toString()) }, t.deps);

describe('RFC 7662 token introspection', () => {
  it.each(['jwt', 'opaque'] as const)('I3 answers active:true with the claims of a live %s access token', async (format) => {
    const t = testDeps({ accessTokenFormat: format });
    const { access_token } = await issued(t);
    expect(await ask(t, access_token)).toEqual({
      active: true,
      scope: 'openid profile offline_access notes:read',
      client_id: 'cli',
      sub: 'alice',
      aud: 'http://localhost:3000/rs',
      iss: 'http://localhost:3000/as',
      exp: T0 + 300,
      iat: T0,
      jti: expect.any(String),
      token_type: 'Bearer',
      sandbox_run: TEST_RUN,
    });
    expect(t.recorder.events.at(-1)).toMatchObject({ type: 'introspection.answered', from: 'resource-server', outcome: 'ok' });
  });

  it('answers for a refresh token, typed so a resource server cannot take it for an access token', async () => {
    const t = testDeps();
    const { refresh_token } = await issued(t);
    // Two barriers, each enough on its own: RFC 7662 §2.2 token_type is not Bearer (RFC 6749 §5.1),
    // and there is no `aud`, so no resource server finds itself in the audience (RFC 9068 §4).
    // The whole answer is compared: a member added to it (an `aud`) fails this test.
    const answer = await ask(t, refresh_token!);
    expect(answer).toEqual({
      active: true,
      scope: 'openid profile offline_access notes:read',
      client_id: 'cli',
      sub: 'alice',
      iss: 'http://localhost:3000/as',
      iat: T0,
      // The run's refresh token lifetime (DEFAULT_SETTINGS.refreshTokenTtl: one day, in seconds).
      exp: T0 + 24 * 60 * 60,
      token_type: 'refresh_token',
      sandbox_run: TEST_RUN,
    });
    expect(answer).not.toHaveProperty('aud');
  });

  it('I2 answers exactly {"active":false} for unknown, expired and revoked tokens', async () => {
    const t = testDeps();
    const { access_token, refresh_token } = await issued(t);
    expect(await ask(t, 'garbage')).toEqual({ active: false });
    expect(await ask(t, `${access_token.slice(0, -4)}AAAA`)).toEqual({ active: false });
    t.clock.advance(300);
    expect(await ask(t, access_token)).toEqual({ active: false });
    expect(t.recorder.events.at(-1)).toMatchObject({ outcome: 'denied', data: { reason: 'expired' } });
    await revokeAs(t, refresh_token!);
    expect(await ask(t, refresh_token!)).toEqual({ active: false });
  });

  it("I2 answers {\"active\":false} to a client asking about another client's token", async () => {
    const t = testDeps();
    const { access_token } = await issued(t);
    expect(await ask(t, access_token, assistant)).toEqual({ active: false });
  });

  it('I4 finds the token despite a wrong token_type_hint', async () => {
    const t = testDeps({ accessTokenFormat: 'opaque' });
    const { access_token, refresh_token } = await issued(t);
    expect((await ask(t, access_token, notesApi, 'refresh_token')).active).toBe(true);
    expect((await ask(t, refresh_token!, notesApi, 'access_token')).active).toBe(true);
  });

  it('answers invalid_request when token is missing', async () => {
    const t = testDeps();
    expect(await rejection(introspect({ client: notesApi, form: Params.fromForm('') }, t.deps))).toEqual(['invalid_request', 'token is required', 400]);
  });
});

describe('RFC 7009 token revocation', () => {
  it('R2 revoking a refresh token revokes every access token of its grant', async () => {
    const t = testDeps();
    const { access_token, refresh_token } = await issued(t);
    await revokeAs(t, refresh_token!, cli, 'refresh_token');
    expect(await ask(t, access_token)).toEqual({ active: false });
    expect(await rejection(tokenRequest(t.deps, { grant_type: 'refresh_token', client_id: 'cli', refresh_token: refresh_token! }))).toEqual([
      'invalid_grant',
      'the refresh token was revoked',
      400,
    ]);
    expect(t.recorder.events.find((e) => e.type === 'token.revoked')).toMatchObject({ outcome: 'ok' });
  });

  it.each(['jwt', 'opaque'] as const)('R3 revokes a %s access token and leaves the refresh token', async (format) => {
    const t = testDeps({ accessTokenFormat: format });
    const { access_token, refresh_token } = await issued(t);
    await revokeAs(t, access_token, cli, 'refresh_token');
    expect(await ask(t, access_token)).toEqual({ active: false });
    expect((await ask(t, refresh_token!)).active).toBe(true);
  });

  it("R4 leaves another client's token alone (and still succeeds)", async () => {
    const t = testDeps();
    const { access_token } = await issued(t);
    await expect(revokeAs(t, access_token, assistant)).resolves.toBeUndefined();
    expect((await ask(t, access_token)).active).toBe(true);
  });

  it('R1 succeeds for a token it does not know', async () => {
    const t = testDeps();
    await expect(revokeAs(t, 'garbage')).resolves.toBeUndefined();
    expect(t.recorder.events.at(-1)).toMatchObject({ type: 'token.revoked', outcome: 'info' });
  });

  it('R5 answers unsupported_token_type for an ID token', async () => {
    const t = testDeps();
    const { id_token } = await issued(t);
    expect(await rejection(revokeAs(t, id_token!))).toEqual(['unsupported_token_type', 'an ID token cannot be revoked', 400]);
  });

  it('a client authenticated with Basic revokes its own token', async () => {
    const t = testDeps();
    const { access_token } = await tokenRequest(t.deps, { grant_type: 'client_credentials' }, basicAuth('reporting-service', 'reporting-service-secret')).then((r) => r.body);
    await revokeAs(t, access_token, clientRegistry().find('reporting-service')!);
    expect(await ask(t, access_token)).toEqual({ active: false });
  });
});

describe('mutation testing (npm run mutation): tokens that are no longer active, tokens that are not ours', () => {
  // RFC 9700 §4.14.2 refresh token rotation: a used refresh token is spent; RFC 7662 §2.2 then
  // answers {"active": false} with nothing else.
  it('RFC 7662 §2.2 answers {"active":false} for a refresh token already rotated', async () => {
    const t = testDeps();
    const { refresh_token } = await issued(t);
    const refreshed = await tokenRequest(t.deps, { grant_type: 'refresh_token', client_id: 'cli', refresh_token: refresh_token! });
    expect(refreshed.body.refresh_token).toBeDefined();
    expect(await ask(t, refresh_token!)).toEqual({ active: false });
  });

  // RFC 7009 §2.1: revoking a grant invalidates the tokens issued from it. A token whose grant is
  // revoked is inactive by the grant alone, even where its own row was not marked.
  it('RFC 7009 §2.1 answers {"active":false} for an access token whose grant was revoked', async () => {
    const t = testDeps({ accessTokenFormat: 'opaque' });
    const { access_token } = await issued(t);
    t.db.prepare('UPDATE as_grants SET revoked_at = ?').run(T0);
    expect(await ask(t, access_token)).toEqual({ active: false });
  });

  // RFC 7009 §2.2: an invalid token is not an error (200, nothing revoked); only an ID token this
  // server signed is unsupported_token_type. Three dot-separated parts alone do not make one.
  it.each([
    ['three parts that are not a JWT', async () => 'a.b.c'],
    ['a JWT this server did not sign, typed as an access token', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      return new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' }).sign(privateKey);
    }],
    ['an ID token (typ JWT) signed by another RSA key', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(privateKey);
    }],
  ])('RFC 7009 §2.2 revoking %s succeeds and revokes nothing', async (_name, make) => {
    const t = testDeps();
    await expect(revokeAs(t, await make())).resolves.toBeUndefined();
    expect(t.recorder.events.at(-1)).toMatchObject({ type: 'token.revoked', outcome: 'info', data: { kind: 'unknown' } });
  });
});

describe('mutation testing (npm run mutation): who may see a token, and what the timeline hears', () => {
  // RFC 7662 §4: the AS decides who may introspect what; here a client may introspect its own tokens.
  it('RFC 7662 §4 answers active:true to a client introspecting its own live token', async () => {
    const t = testDeps();
    const { access_token } = await issued(t);
    expect(await ask(t, access_token, cli)).toMatchObject({ active: true, client_id: 'cli', sub: 'alice' });
  });

  it("RFC 7662 §4 a probe by another client stays on the caller's run; the resource server's answer goes to the token's run", async () => {
    const t = testDeps();
    const { access_token } = await issued(t);
    t.recorder.runId = undefined;
    await ask(t, access_token, assistant);
    expect(t.recorder.runId).toBeUndefined();
    await ask(t, access_token, notesApi);
    expect(t.recorder.runId).toBe(TEST_RUN);
  });

  it('records the answer from the resource server to the AS; an unknown token is denied with its reason', async () => {
    const t = testDeps();
    await ask(t, 'no-such-token');
    expect(t.recorder.events.at(-1)).toMatchObject({
      type: 'introspection.answered',
      from: 'resource-server',
      to: 'auth-server',
      outcome: 'denied',
      data: { active: false, reason: 'unknown token' },
    });
  });
});

describe('mutation testing (npm run mutation): a revocation request without a token', () => {
  // RFC 7009 §2.1: token is REQUIRED; without it the request is malformed (RFC 6749 §5.2 invalid_request).
  it('RFC 7009 §2.1 answers invalid_request (400) when token is missing', async () => {
    const t = testDeps();
    const [code, , status] = await rejection(revoke({ client: cli, form: Params.fromForm('token_type_hint=access_token') }, t.deps));
    expect([code, status]).toEqual(['invalid_request', 400]);
  });
});

describe('mutation testing (npm run mutation): the hint on the timeline', () => {
  // RFC 7662 §2.1: token_type_hint is OPTIONAL; when the caller sends one, the timeline shows it.
  it('RFC 7662 §2.1 records the token_type_hint the caller sent, and none when it sent none', async () => {
    const t = testDeps();
    const { refresh_token } = await issued(t);
    await ask(t, refresh_token!, notesApi, 'refresh_token');
    expect(t.recorder.events.at(-1)).toMatchObject({
      type: 'introspection.answered',
      outcome: 'ok',
      data: { active: true, token_type_hint: 'refresh_token', kind: 'refresh_token' },
    });
    await ask(t, refresh_token!);
    expect(t.recorder.events.at(-1)!.data).not.toHaveProperty('token_type_hint');
  });
});
