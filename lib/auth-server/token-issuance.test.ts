import { describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { findAccessToken } from './access-tokens';
import { findRefreshToken } from '@/lib/store/refresh-tokens';
import { findCurrentSigningKey } from '@/lib/store/signing-keys';
import { EC_KEY_ALG, RSA_KEY_ALG } from './keys';
import { seedCode, T0, TEST_RUN, testDeps } from './test-support';
import { rejection } from './token-test-support';
import { tokenHash } from './token-hash';
import { prepareTokenSet, type TokenSetInput } from './token-issuance';

type Deps = ReturnType<typeof testDeps>;

/** A token set for alice's grant (seeded as /as/authorize would), with what each test changes. */
function input(t: Deps, over: Partial<TokenSetInput> = {}): TokenSetInput {
  const grantId = over.grantId === undefined ? seedCode(t).grantId : over.grantId;
  return {
    runId: TEST_RUN,
    clientId: 'cli',
    userId: 'alice',
    scope: 'openid notes:read',
    audience: t.deps.defaultResource,
    refreshScope: 'openid offline_access notes:read',
    idToken: { authTime: T0 - 5, nonce: null },
    settings: t.settings,
    now: T0,
    ...over,
    grantId,
  };
}

const countRows = (t: Deps, table: 'as_access_tokens' | 'as_refresh_tokens') =>
  (t.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('mutation testing (npm run mutation): which tokens a token response carries', () => {
  // RFC 6749 §4.4.3: a token with no grant behind it (client credentials) gets no refresh token;
  // a refresh token is always bound to a grant (RFC 6749 §6, RFC 9700 §4.14.2), so none is made without one.
  it('RFC 6749 §4.4.3 no refresh token is issued outside a grant, even when a refresh scope is given', async () => {
    const t = testDeps();
    const set = await prepareTokenSet(input(t, { grantId: null, userId: null, idToken: null, refreshScope: 'notes:read' }), t.deps);
    expect(set.body).not.toHaveProperty('refresh_token');
    expect(set.tokens.map((v) => v.kind)).toEqual(['access_token']);
    set.persist();
    expect(countRows(t, 'as_refresh_tokens')).toBe(0);
  });

  // OpenID Connect Core §2: `sub` is REQUIRED in an ID token; a token with no user has no subject to name.
  it('OpenID Connect Core §2 no ID token is issued for a token with no user', async () => {
    const t = testDeps();
    const set = await prepareTokenSet(input(t, { grantId: null, userId: null, refreshScope: null }), t.deps);
    expect(set.body).not.toHaveProperty('id_token');
    expect(set.tokens.map((v) => v.kind)).toEqual(['access_token']);
  });

  it('RFC 6749 §5.1 a grant with offline_access and openid gets an access, a refresh and an ID token; persist stores both tokens', async () => {
    const t = testDeps({ accessTokenFormat: 'opaque' });
    const set = await prepareTokenSet(input(t), t.deps);
    expect(set.tokens.map((v) => v.kind)).toEqual(['access_token', 'refresh_token', 'id_token']);
    expect(set.body).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'openid notes:read' });
    // Nothing is stored before persist(): the caller stores in the transaction that consumes the code.
    expect(await findAccessToken(t.db, set.body.access_token, t.deps.issuer)).toBeUndefined();
    set.persist();
    expect(await findAccessToken(t.db, set.body.access_token, t.deps.issuer)).toMatchObject({ clientId: 'cli', userId: 'alice', scope: 'openid notes:read' });
    // §6: the refresh token carries the grant's scope, and the run's refresh token lifetime (one day by default).
    expect(findRefreshToken(t.db, tokenHash(set.body.refresh_token!))).toMatchObject({
      scope: 'openid offline_access notes:read',
      issuedAt: T0,
      expiresAt: T0 + 86_400,
    });
  });
});

describe('mutation testing (npm run mutation): which key signed what, for the timeline', () => {
  // RFC 7515 §4.1.4: `kid` names the key that signed a JWS. After a rotation, the timeline says which key signed each token.
  it('RFC 7515 §4.1.4 names the kid of the access token key and of the ID token key', async () => {
    const t = testDeps({ accessTokenFormat: 'jwt', accessTokenAlg: 'ES256' });
    const set = await prepareTokenSet(input(t), t.deps);
    const ecKid = findCurrentSigningKey(t.db, EC_KEY_ALG)!.kid;
    const rsaKid = findCurrentSigningKey(t.db, RSA_KEY_ALG)!.kid;
    expect(ecKid).not.toBe(rsaKid);
    expect(set.signedWith).toEqual({ access_token: ecKid, id_token: rsaKid });
    // And that is what the JWTs themselves say.
    expect(decodeProtectedHeader(set.body.access_token).kid).toBe(ecKid);
    expect(decodeProtectedHeader(set.body.id_token!).kid).toBe(rsaKid);
  });

  it('an opaque access token is signed by no key: only the ID token is named', async () => {
    const t = testDeps({ accessTokenFormat: 'opaque' });
    const set = await prepareTokenSet(input(t), t.deps);
    expect(set.signedWith).toEqual({ id_token: findCurrentSigningKey(t.db, RSA_KEY_ALG)!.kid });
  });

  it('a JWT access token without an ID token names only the access token key', async () => {
    const t = testDeps({ accessTokenFormat: 'jwt', accessTokenAlg: 'RS256' });
    const set = await prepareTokenSet(input(t, { idToken: null }), t.deps);
    expect(set.signedWith).toEqual({ access_token: findCurrentSigningKey(t.db, RSA_KEY_ALG)!.kid });
  });
});

describe('mutation testing (npm run mutation): tokens of a grant revoked while they were being made', () => {
  // RFC 6749 §10.5 / RFC 9700 §4.14.2: a replay revokes the grant; tokens prepared for it before then
  // must not be stored (persist runs in the transaction that consumes the code or rotates the token).
  it('RFC 9700 §4.14.2 persist answers invalid_grant and stores nothing when the grant was revoked meanwhile', async () => {
    const t = testDeps();
    const given = input(t);
    const set = await prepareTokenSet(given, t.deps);
    t.db.prepare('UPDATE as_grants SET revoked_at = ? WHERE id = ?').run(T0, given.grantId);
    expect(await rejection(Promise.resolve().then(() => set.persist()))).toEqual(['invalid_grant', 'the grant was revoked', 400]);
    expect(countRows(t, 'as_access_tokens')).toBe(0);
    expect(countRows(t, 'as_refresh_tokens')).toBe(0);
  });

  // A grant deleted meanwhile (its run cleaned up) is no more live than a revoked one: invalid_grant, not a 500.
  it('RFC 6749 §5.2 persist answers invalid_grant when the grant no longer exists', async () => {
    const t = testDeps();
    const given = input(t);
    const set = await prepareTokenSet(given, t.deps);
    t.db.prepare('DELETE FROM as_grants WHERE id = ?').run(given.grantId);
    expect(await rejection(Promise.resolve().then(() => set.persist()))).toEqual(['invalid_grant', 'the grant was revoked', 400]);
    expect(countRows(t, 'as_access_tokens')).toBe(0);
  });
});
