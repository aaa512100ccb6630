import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { Params } from '@/lib/oauth/params';
import { clientRegistry } from './clients';
import { introspect } from './introspection';
import { currentSigningKey, RSA_KEY_ALG, publishedKeys } from './keys';
import { seedCode, T0, testDeps, VERIFIER } from './test-support';
import { basicAuth, tokenRequest } from './token-test-support';

const reporting = basicAuth('reporting-service', 'reporting-service-secret');
const notesApi = clientRegistry().find('notes-api')!;

describe('RFC 9068 §2.1 RS256 access tokens (run setting accessTokenAlg)', () => {
  it('J1 signs a JWT access token with the RSA key: alg RS256, typ at+jwt, its kid, verifying against the published JWKS', async () => {
    const t = testDeps({ accessTokenAlg: 'RS256' });
    const { body } = await tokenRequest(t.deps, { grant_type: 'client_credentials' }, reporting);
    const rsa = await currentSigningKey(t.db, RSA_KEY_ALG, t.clock);
    expect(decodeProtectedHeader(body.access_token)).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: rsa.kid });

    const published = await publishedKeys(t.db, t.clock);
    // Every published key names its algorithm, so a verifier uses each key only with its own alg (RFC 8725 §3.1).
    expect(published.every((k) => k.alg === 'ES256' || k.alg === 'RS256')).toBe(true);
    expect(published.find((k) => k.kid === rsa.kid)).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    const { payload, protectedHeader } = await jwtVerify(body.access_token, createLocalJWKSet({ keys: published }), {
      algorithms: ['ES256', 'RS256'],
      typ: 'at+jwt',
      issuer: 'http://localhost:3000/as',
      audience: 'http://localhost:3000/rs',
      currentDate: new Date(T0 * 1000),
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: 'reporting-service', client_id: 'reporting-service', scope: 'notes:read', iat: T0, exp: T0 + 300 });
  });

  it('keeps ES256 as the default, signed with the EC key', async () => {
    const t = testDeps();
    const { body } = await tokenRequest(t.deps, { grant_type: 'client_credentials' }, reporting);
    const header = decodeProtectedHeader(body.access_token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect((await publishedKeys(t.db, t.clock)).find((k) => k.kid === header.kid)).toMatchObject({ kty: 'EC', alg: 'ES256' });
  });

  it('introspects an RS256 access token as active (RFC 7662 §2.2), and does not take the ID token of the same key for one', async () => {
    const t = testDeps({ accessTokenAlg: 'RS256' });
    const { code, redirectUri } = seedCode(t);
    const { body } = await tokenRequest(t.deps, { grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER });
    // Same RSA key for both: only typ tells them apart (RFC 8725 §3.11).
    expect(decodeProtectedHeader(body.access_token).kid).toBe(decodeProtectedHeader(body.id_token!).kid);
    const ask = (token: string) => introspect({ client: notesApi, form: Params.fromForm(new URLSearchParams({ token }).toString()) }, t.deps);
    expect(await ask(body.access_token)).toMatchObject({ active: true, sub: 'alice', client_id: 'cli', token_type: 'Bearer' });
    expect(await ask(body.id_token!)).toEqual({ active: false });
  });
});
