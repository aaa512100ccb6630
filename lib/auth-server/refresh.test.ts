import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { findAccessTokenByHash } from '@/lib/store/access-tokens';
import { findRefreshToken } from '@/lib/store/refresh-tokens';
import { findCurrentSigningKey } from '@/lib/store/signing-keys';
import { seedCode, T0, testDeps, VERIFIER } from './test-support';
import { rejection, tokenRequest } from './token-test-support';
import { tokenHash } from './token-hash';

async function tokensFor(t: ReturnType<typeof testDeps>, scope?: string) {
  const { code, redirectUri } = seedCode(t, scope ? { scope } : {});
  const { body } = await tokenRequest(t.deps, {
    grant_type: 'authorization_code',
    client_id: 'cli',
    code,
    redirect_uri: redirectUri,
    code_verifier: VERIFIER,
  });
  return body;
}
const refreshBody = (rt: string, extra: Record<string, string> = {}) => ({ grant_type: 'refresh_token', client_id: 'cli', refresh_token: rt, ...extra });

describe('RFC 6749 §6 refresh with rotation (RFC 9700 §4.14.2)', () => {
  it('rotates the refresh token on every use and marks the old one rotated', async () => {
    const t = testDeps({ accessTokenFormat: 'opaque' });
    const first = await tokensFor(t);
    t.clock.advance(10);
    const { body } = await tokenRequest(t.deps, refreshBody(first.refresh_token!));
    expect(body.refresh_token).toEqual(expect.any(String));
    expect(body.refresh_token).not.toBe(first.refresh_token);
    expect(body).not.toHaveProperty('id_token');
    expect(body.scope).toBe('openid profile offline_access notes:read');
    expect(findRefreshToken(t.db, tokenHash(first.refresh_token!))!.rotatedAt).toBe(T0 + 10);
    expect(t.recorder.events.map((e) => e.type)).toContain('token.refreshed');
    // The new refresh token is itself redeemable once, and rotates in turn.
    t.clock.advance(10);
    const third = (await tokenRequest(t.deps, refreshBody(body.refresh_token!))).body;
    expect(third.refresh_token).toEqual(expect.any(String));
    expect(third.refresh_token).not.toBe(body.refresh_token);
    expect(findRefreshToken(t.db, tokenHash(body.refresh_token!))!.rotatedAt).toBe(T0 + 20);
  });

  it('B2 a replayed refresh token answers invalid_grant and revokes the grant: the new RT and the ATs', async () => {
    const t = testDeps({ accessTokenFormat: 'opaque' });
    const first = await tokensFor(t);
    const second = (await tokenRequest(t.deps, refreshBody(first.refresh_token!))).body;
    expect(await rejection(tokenRequest(t.deps, refreshBody(first.refresh_token!)))).toEqual([
      'invalid_grant',
      'the refresh token was already used; the grant is revoked',
      400,
    ]);
    expect(t.recorder.events.map((e) => e.type)).toContain('refresh_token.replayed');
    expect((await rejection(tokenRequest(t.deps, refreshBody(second.refresh_token!))))[0]).toBe('invalid_grant');
    for (const at of [first.access_token, second.access_token]) {
      expect(findAccessTokenByHash(t.db, tokenHash(at))!.revokedAt).toBe(T0);
    }
  });

  it('B2 of two concurrent uses of one refresh token, exactly one succeeds', async () => {
    const t = testDeps();
    const first = await tokensFor(t);
    const results = await Promise.allSettled([
      tokenRequest(t.deps, refreshBody(first.refresh_token!)),
      tokenRequest(t.deps, refreshBody(first.refresh_token!)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('T16 answers invalid_scope for a scope wider than the grant', async () => {
    const t = testDeps();
    const first = await tokensFor(t);
    expect(await rejection(tokenRequest(t.deps, refreshBody(first.refresh_token!, { scope: 'notes:read notes:write' })))).toEqual([
      'invalid_scope',
      'the requested scope is wider than the scope of the grant',
      400,
    ]);
  });

  it('§6 narrows the access token scope on request; the new refresh token keeps the grant scope', async () => {
    const t = testDeps();
    const first = await tokensFor(t);
    const narrow = (await tokenRequest(t.deps, refreshBody(first.refresh_token!, { scope: 'notes:read' }))).body;
    expect(narrow.scope).toBe('notes:read');
    const again = (await tokenRequest(t.deps, refreshBody(narrow.refresh_token!))).body;
    expect(again.scope).toBe('openid profile offline_access notes:read');
  });

  it('B2 RFC 9700 §4.14.2 keeps the refresh token bound to the consented resource: another resource is invalid_target', async () => {
    const t = testDeps();
    const first = await tokensFor(t);
    expect(await rejection(tokenRequest(t.deps, refreshBody(first.refresh_token!, { resource: 'https://other.example/api' })))).toEqual([
      'invalid_target',
      'resource https://other.example/api was not granted: tokens here are for http://localhost:3000/rs',
      400,
    ]);
    const same = (await tokenRequest(t.deps, refreshBody(first.refresh_token!, { resource: 'http://localhost:3000/rs' }))).body;
    expect(decodeJwt(same.access_token).aud).toBe('http://localhost:3000/rs');
  });

  it('answers invalid_grant for a refresh token of another client', async () => {
    const t = testDeps();
    const first = await tokensFor(t);
    const err = await rejection(
      tokenRequest(t.deps, { grant_type: 'refresh_token', refresh_token: first.refresh_token!, client_id: 'notes-assistant', client_secret: 'notes-assistant-secret' }),
    );
    expect(err).toEqual(['invalid_grant', 'the refresh token was issued to another client', 400]);
  });

  it('answers invalid_grant for an expired or unknown refresh token', async () => {
    const t = testDeps({ refreshTokenTtl: 100 });
    const first = await tokensFor(t);
    t.clock.advance(100);
    expect(await rejection(tokenRequest(t.deps, refreshBody(first.refresh_token!)))).toEqual(['invalid_grant', 'the refresh token has expired', 400]);
    expect(await rejection(tokenRequest(t.deps, refreshBody('garbage')))).toEqual(['invalid_grant', 'unknown refresh token', 400]);
  });
});

describe('mutation testing (npm run mutation): replays of a rotated refresh token, and what the timeline hears', () => {
  // RFC 9700 §4.14.2: of two uses of one refresh token, the AS cannot tell which is legitimate. Two
  // concurrent uses both pass the look-up; the one that loses the rotation is the replay: invalid_grant,
  // and the whole grant is revoked, the winner's new tokens with it.
  it('RFC 9700 §4.14.2 of two concurrent uses, the loser is a replay: invalid_grant, and the winner\'s tokens are revoked', async () => {
    const t = testDeps({ accessTokenFormat: 'opaque' });
    const first = await tokensFor(t);
    const results = await Promise.allSettled([
      tokenRequest(t.deps, refreshBody(first.refresh_token!)),
      tokenRequest(t.deps, refreshBody(first.refresh_token!)),
    ]);
    const winner = results.find((r) => r.status === 'fulfilled');
    const loser = results.find((r) => r.status === 'rejected');
    expect(winner).toBeDefined();
    expect(await rejection(Promise.reject(loser!.reason))).toEqual(['invalid_grant', 'the refresh token was already used; the grant is revoked', 400]);
    expect(t.recorder.events.map((e) => e.type)).toContain('refresh_token.replayed');
    expect(findAccessTokenByHash(t.db, tokenHash(winner!.value.body.access_token))!.revokedAt).toBe(T0);
    expect(findRefreshToken(t.db, tokenHash(winner!.value.body.refresh_token!))).toBeDefined();
    expect((await rejection(tokenRequest(t.deps, refreshBody(winner!.value.body.refresh_token!))))[0]).toBe('invalid_grant');
  });

  // RFC 9700 §4.14.2: a rotated token used again means two parties hold it, whether or not it has
  // expired since; the grant is revoked, not merely the token refused as expired.
  it('RFC 9700 §4.14.2 a rotated refresh token used again after it expired still revokes the grant', async () => {
    const t = testDeps({ accessTokenFormat: 'opaque', refreshTokenTtl: 100 });
    const first = await tokensFor(t);
    const second = (await tokenRequest(t.deps, refreshBody(first.refresh_token!))).body;
    t.clock.advance(150);
    expect(await rejection(tokenRequest(t.deps, refreshBody(first.refresh_token!)))).toEqual([
      'invalid_grant',
      'the refresh token was already used; the grant is revoked',
      400,
    ]);
    expect(t.recorder.events.find((e) => e.type === 'refresh_token.replayed')).toMatchObject({ from: 'client', to: 'auth-server', outcome: 'denied', data: { client_id: 'cli' } });
    expect(findAccessTokenByHash(t.db, tokenHash(second.access_token))!.revokedAt).toBe(T0 + 150);
  });

  // RFC 6749 §6 on the timeline: the client asked the AS for new tokens with the refresh token; the
  // event names the grant type, the client, the scope granted and the key that signed the access token.
  it('RFC 6749 §6 records token.refreshed from the client to the AS, with the grant type, client, scope and signing key', async () => {
    const t = testDeps({ accessTokenFormat: 'jwt', accessTokenAlg: 'ES256' });
    const first = await tokensFor(t);
    const { body } = await tokenRequest(t.deps, refreshBody(first.refresh_token!, { scope: 'notes:read' }));
    const event = t.recorder.events.find((e) => e.type === 'token.refreshed');
    expect(event).toMatchObject({
      from: 'client',
      to: 'auth-server',
      outcome: 'ok',
      data: { grant_type: 'refresh_token', client_id: 'cli', scope: 'notes:read', signed_with: { access_token: findCurrentSigningKey(t.db, 'ES256')!.kid } },
    });
    // No ID token on refresh: only the access token and the new refresh token are shown.
    expect(event!.tokens!.map((v) => v.kind)).toEqual(['access_token', 'refresh_token']);
    expect(event!.tokens![1]!.raw).toBe(body.refresh_token);
  });
});
