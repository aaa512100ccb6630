import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/**
 * Test support: an authorization server's key pairs (ES256 for access
 * tokens, RS256 for ID tokens and RS256 access tokens), an attacker's EC and
 * RSA keys that the JWKS does not hold, and a local JWKS of their public halves, so
 * that tests verify through the same function production uses with the
 * remote set. Not used by production code.
 */
export const ORIGIN = 'http://localhost:3000';
export const ISSUER = `${ORIGIN}/as`;
export const RESOURCE = `${ORIGIN}/rs`;
export const NOW = 1_800_000_000;
export const RUN_ID = 'test-run-0123456789abcdefghij';

export interface TestKeys {
  es256: { privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: JWK; kid: string };
  rs256: { privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: JWK; kid: string };
  attacker: { privateKey: CryptoKey; publicJwk: JWK };
  attackerRsa: { privateKey: CryptoKey };
  jwks: { keys: JWK[] };
  keySet: JWTVerifyGetKey;
}

// One set per module instance: vitest gives each test file its own, and the mutation runs
// (vitest.mutation.config.ts, no isolation) reuse it instead of making two RSA keys per mutant.
let made: Promise<TestKeys> | undefined;

export function makeTestKeys(): Promise<TestKeys> {
  made ??= generateTestKeys();
  return made;
}

async function generateTestKeys(): Promise<TestKeys> {
  const es = await generateKeyPair('ES256', { extractable: true });
  const rs = await generateKeyPair('RS256', { extractable: true });
  const at = await generateKeyPair('ES256', { extractable: true });
  const atRsa = await generateKeyPair('RS256');
  const esJwk = { ...(await exportJWK(es.publicKey)), kid: 'es-1', alg: 'ES256', use: 'sig' };
  const rsJwk = { ...(await exportJWK(rs.publicKey)), kid: 'rs-1', alg: 'RS256', use: 'sig' };
  const jwks = { keys: [esJwk, rsJwk] };
  return {
    es256: { privateKey: es.privateKey, publicKey: es.publicKey, publicJwk: esJwk, kid: 'es-1' },
    rs256: { privateKey: rs.privateKey, publicKey: rs.publicKey, publicJwk: rsJwk, kid: 'rs-1' },
    attacker: { privateKey: at.privateKey, publicJwk: await exportJWK(at.publicKey) },
    attackerRsa: { privateKey: atRsa.privateKey },
    jwks,
    keySet: createLocalJWKSet(jwks),
  };
}

/** The claims of a good RFC 9068 access token for alice via cli. */
export function accessTokenClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: ISSUER,
    sub: 'alice',
    aud: RESOURCE,
    client_id: 'cli',
    iat: NOW - 10,
    exp: NOW + 300,
    jti: 'jti-1',
    scope: 'notes:read notes:write',
    sandbox_run: RUN_ID,
    ...overrides,
  };
}

/** Signs an access token as the authorization server does (ES256, kid, typ at+jwt), with header overrides. */
export function signAccessToken(keys: TestKeys, claims: JWTPayload = accessTokenClaims(), header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: keys.es256.kid, typ: 'at+jwt', ...header }).sign(keys.es256.privateKey);
}

/** Signs an access token as the authorization server does when the run asks for RS256 (RSA key, kid, typ at+jwt). */
export function signRs256AccessToken(keys: TestKeys, claims: JWTPayload = accessTokenClaims(), header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: keys.rs256.kid, typ: 'at+jwt', ...header }).sign(keys.rs256.privateKey);
}
