import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { CompactSign, decodeJwt, decodeProtectedHeader } from 'jose';
import { insertAccessToken } from '@/lib/store/access-tokens';
import { findAccessToken, prepareAccessToken } from './access-tokens';
import { currentSigningKey, EC_KEY_ALG, RSA_KEY_ALG, type SigningAlg } from './keys';
import { T0, TEST_RUN, testDeps } from './test-support';

const ISSUER = 'http://localhost:3000/as';
const AUDIENCE = 'http://localhost:3000/rs';

const input = (format: 'jwt' | 'opaque', alg: SigningAlg = EC_KEY_ALG) => ({
  runId: TEST_RUN,
  clientId: 'cli',
  userId: 'alice',
  scope: 'notes:read',
  audience: AUDIENCE,
  grantId: null,
  format,
  alg,
  ttl: 300,
});

/** Issues and stores a token, as the token endpoint does. */
async function issued(t: ReturnType<typeof testDeps>, format: 'jwt' | 'opaque') {
  const prepared = await prepareAccessToken(input(format), { db: t.db, issuer: ISSUER, now: T0 });
  insertAccessToken(t.db, prepared.row);
  return prepared;
}

/** A JWT signed with the server's own current key, as only the server could make it, with the header and claims given. */
// Any JSON claims, signed as they are (CompactSign, not SignJWT: a test may need a claim of the wrong type).
async function signedByServer(t: ReturnType<typeof testDeps>, header: { typ?: string }, claims: Record<string, unknown>, alg: SigningAlg = EC_KEY_ALG) {
  const key = await currentSigningKey(t.db, alg, t.clock);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: key.alg, kid: key.kid, ...header }).sign(key.privateKey);
}

describe('RFC 9068 JWT access tokens and opaque ones: how they are stored and found again', () => {
  it('a JWT access token is stored by its jti only; an opaque one by the SHA-256 of its value (DESIGN.md, Store)', async () => {
    const t = testDeps();
    const jwt = await prepareAccessToken(input('jwt'), { db: t.db, issuer: ISSUER, now: T0 });
    expect(jwt.row).toMatchObject({ jti: decodeJwt(jwt.token).jti, tokenHash: null, format: 'jwt', issuedAt: T0, expiresAt: T0 + 300 });
    const opaque = await prepareAccessToken(input('opaque'), { db: t.db, issuer: ISSUER, now: T0 });
    expect(opaque.token.split('.')).toHaveLength(1);
    expect(opaque.row).toMatchObject({ tokenHash: createHash('sha256').update(opaque.token).digest('base64url'), format: 'opaque', expiresAt: T0 + 300 });
    expect(opaque.row.jti).toEqual(expect.any(String));
  });

  it('finds a stored JWT access token and a stored opaque one', async () => {
    const t = testDeps();
    const jwt = await issued(t, 'jwt');
    const opaque = await issued(t, 'opaque');
    expect(await findAccessToken(t.db, jwt.token, ISSUER)).toMatchObject({ jti: jwt.row.jti, format: 'jwt' });
    expect(await findAccessToken(t.db, opaque.token, ISSUER)).toMatchObject({ jti: opaque.row.jti, format: 'opaque' });
  });

  it('RFC 9068 §4, RFC 8725 §3.11 a JWT of our own key is an access token only with typ at+jwt, compared case-insensitively', async () => {
    const t = testDeps();
    const { row } = await issued(t, 'jwt');
    const claims = { iss: ISSUER, jti: row.jti, sub: 'alice' };
    // An ID token's typ, or none: the same key, the same jti, and still not an access token.
    expect(await findAccessToken(t.db, await signedByServer(t, { typ: 'JWT' }, claims), ISSUER)).toBeUndefined();
    expect(await findAccessToken(t.db, await signedByServer(t, {}, claims), ISSUER)).toBeUndefined();
    expect(await findAccessToken(t.db, await signedByServer(t, { typ: 'JWT' }, claims, RSA_KEY_ALG), ISSUER)).toBeUndefined();
    // RFC 7515 §4.1.9: typ is a media type, whose names are case-insensitive (RFC 2045 §5.1).
    expect(await findAccessToken(t.db, await signedByServer(t, { typ: 'AT+JWT' }, claims), ISSUER)).toMatchObject({ jti: row.jti });
  });

  it('RFC 9068 §4 a JWT access token whose iss is not this server is not found, even with a stored jti', async () => {
    const t = testDeps();
    const { row } = await issued(t, 'jwt');
    const forged = await signedByServer(t, { typ: 'at+jwt' }, { iss: 'http://localhost:3000/other-as', jti: row.jti });
    expect(await findAccessToken(t.db, forged, ISSUER)).toBeUndefined();
  });

  it('RFC 7519 §4.1.7 a jti that is not a string names no token, even one stored as the same text', async () => {
    const t = testDeps();
    const { row } = await issued(t, 'jwt');
    // SQLite compares a number with a TEXT column as text: the number 1.5 would find the jti "1.5".
    insertAccessToken(t.db, { ...row, jti: '1.5' });
    const numeric = await signedByServer(t, { typ: 'at+jwt' }, { iss: ISSUER, jti: 1.5 });
    expect(await findAccessToken(t.db, numeric, ISSUER)).toBeUndefined();
    // The same text as a string does name it: only the type differs.
    expect(await findAccessToken(t.db, await signedByServer(t, { typ: 'at+jwt' }, { iss: ISSUER, jti: '1.5' }), ISSUER)).toMatchObject({ jti: '1.5' });
  });

  it('a JWT naming the jti of an opaque token is not that token (it was never a JWT)', async () => {
    const t = testDeps();
    const opaque = await issued(t, 'opaque');
    const jwt = await signedByServer(t, { typ: 'at+jwt' }, { iss: ISSUER, jti: opaque.row.jti });
    expect(decodeProtectedHeader(jwt).typ).toBe('at+jwt');
    expect(await findAccessToken(t.db, jwt, ISSUER)).toBeUndefined();
  });
});
