import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { atHash } from './id-tokens';
import { publishedKeys } from './keys';
import { seedCode, T0, testDeps, VERIFIER } from './test-support';
import { tokenRequest } from './token-test-support';

async function idTokenFor(nonce: string | null) {
  const t = testDeps();
  const { code, redirectUri } = seedCode(t, { nonce });
  const { body } = await tokenRequest(t.deps, { grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER });
  const jwks = createLocalJWKSet({ keys: await publishedKeys(t.db, t.clock) });
  const { payload, protectedHeader } = await jwtVerify(body.id_token!, jwks, { currentDate: new Date(T0 * 1000), algorithms: ['RS256'] });
  return { payload, protectedHeader, body };
}

describe('OpenID Connect Core ID token', () => {
  it('O2 carries iss sub aud exp iat auth_time, signed RS256 with a kid', async () => {
    const { payload, protectedHeader } = await idTokenFor(null);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: expect.any(String), typ: 'JWT' });
    expect(payload).toMatchObject({ iss: 'http://localhost:3000/as', sub: 'alice', aud: 'cli', iat: T0, exp: T0 + 300, auth_time: T0 - 5 });
  });

  it('O1 carries the nonce of the authorization request', async () => {
    expect((await idTokenFor('n-0S6_WzA2Mj')).payload.nonce).toBe('n-0S6_WzA2Mj');
  });

  it('O1 carries no nonce when the request had none', async () => {
    expect((await idTokenFor(null)).payload).not.toHaveProperty('nonce');
  });

  it('O3 §3.1.3.6 at_hash is the left half of the SHA-256 of the access token', async () => {
    const { payload, body } = await idTokenFor(null);
    expect(payload.at_hash).toBe(atHash(body.access_token));
    expect(atHash(body.access_token)).toHaveLength(22);
  });

  it('J5 the access token and the ID token are signed by different keys and have different audiences', async () => {
    const { body } = await idTokenFor(null);
    expect(decodeProtectedHeader(body.access_token).kid).not.toBe(decodeProtectedHeader(body.id_token!).kid);
    // RFC 9068 §5: the access token is for the resource server, the ID token for the client.
    expect(decodeJwt(body.access_token).aud).toBe('http://localhost:3000/rs');
    expect(decodeJwt(body.id_token!).aud).toBe('cli');
  });
});
