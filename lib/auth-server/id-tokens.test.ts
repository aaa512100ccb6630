import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { atHash, createIdToken } from './id-tokens';
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

  it('O3 §3.1.3.6 at_hash is the base64url of the left half of the SHA-256 of the access token’s ASCII octets', async () => {
    const { payload, body } = await idTokenFor(null);
    // Computed here from the rule, with WebCrypto, not with the code's own atHash:
    // RS256 → SHA-256 (32 octets); the left-most 128 bits (16 octets), base64url-encoded.
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body.access_token)));
    const expected = Buffer.from(digest.slice(0, 16)).toString('base64url');
    expect(expected).toHaveLength(22);
    expect(payload.at_hash).toBe(expected);
  });

  it('O3 at_hash of the OpenID Connect Core Appendix A example access token is the spec’s value', () => {
    // OpenID Connect Core 1.0 Appendix A (RS256 examples): access_token and the at_hash its ID token carries.
    expect(atHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y')).toBe('77QmUPtjPfzWtF2AnpK9RQ');
  });

  it('J5 the access token and the ID token are signed by different keys and have different audiences', async () => {
    const { body } = await idTokenFor(null);
    expect(decodeProtectedHeader(body.access_token).kid).not.toBe(decodeProtectedHeader(body.id_token!).kid);
    // RFC 9068 §5: the access token is for the resource server, the ID token for the client.
    expect(decodeJwt(body.access_token).aud).toBe('http://localhost:3000/rs');
    expect(decodeJwt(body.id_token!).aud).toBe('cli');
  });
});

describe('OpenID Connect Core §2 ID token claims that depend on the request', () => {
  const base = { issuer: 'http://localhost:3000/as', clientId: 'cli', sub: 'alice', nonce: null, ttl: 300, now: T0 };
  const claimsOf = async (t: ReturnType<typeof testDeps>, jwt: string) =>
    (await jwtVerify(jwt, createLocalJWKSet({ keys: await publishedKeys(t.db, t.clock) }), { currentDate: new Date(T0 * 1000), algorithms: ['RS256'] })).payload;

  it('§2 auth_time is left out when the time of authentication is not known, not sent as null', async () => {
    const t = testDeps();
    const payload = await claimsOf(t, await createIdToken({ ...base, authTime: null }, t.db));
    expect(payload).not.toHaveProperty('auth_time');
    expect(payload).toMatchObject({ iss: 'http://localhost:3000/as', sub: 'alice', aud: 'cli', iat: T0, exp: T0 + 300 });
    expect((await claimsOf(t, await createIdToken({ ...base, authTime: T0 - 60 }, t.db))).auth_time).toBe(T0 - 60);
  });

  it('§3.1.3.6 at_hash is left out when no access token is issued with the ID token', async () => {
    const t = testDeps();
    const payload = await claimsOf(t, await createIdToken({ ...base, authTime: T0 }, t.db));
    expect(payload).not.toHaveProperty('at_hash');
    expect(payload).not.toHaveProperty('nonce');
  });
});
