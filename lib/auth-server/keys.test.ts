import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { openDb } from '@/lib/store/db';
import { fixedClock } from '@/lib/timeline/clock';
import { ACCESS_TOKEN_ALG, currentSigningKey, ID_TOKEN_ALG, publishedKeys, rotateSigningKeys } from './keys';

async function signWith(db: ReturnType<typeof openDb>, clock: () => number) {
  const key = await currentSigningKey(db, ACCESS_TOKEN_ALG, clock);
  return new SignJWT({ x: 1 }).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(key.privateKey);
}

describe('signing keys (DESIGN.md Store, RFC 7517)', () => {
  it('creates an ES256 and an RS256 key on first use, each with a kid, alg and use=sig', async () => {
    const db = openDb(':memory:');
    const keys = await publishedKeys(db, fixedClock(1000));
    expect(keys.map((k) => k.alg).sort()).toEqual(['ES256', 'RS256']);
    for (const k of keys) {
      expect(k.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(k.use).toBe('sig');
      expect(k).not.toHaveProperty('d');
    }
  });

  it('keeps the same key across calls (a restart does not invalidate tokens)', async () => {
    const db = openDb(':memory:');
    const a = await currentSigningKey(db, ID_TOKEN_ALG, fixedClock(1));
    const b = await currentSigningKey(db, ID_TOKEN_ALG, fixedClock(2));
    expect(b.kid).toBe(a.kid);
  });

  it('stores only one first key when two requests race to create it', async () => {
    const db = openDb(':memory:');
    const [a, b] = await Promise.all([
      currentSigningKey(db, ACCESS_TOKEN_ALG, fixedClock(1)),
      currentSigningKey(db, ACCESS_TOKEN_ALG, fixedClock(1)),
    ]);
    expect(a.kid).toBe(b.kid);
    expect((await publishedKeys(db, fixedClock(1))).filter((k) => k.alg === 'ES256')).toHaveLength(1);
  });

  it('rotation makes new current keys and keeps the previous ones in the JWKS', async () => {
    const db = openDb(':memory:');
    const clock = fixedClock(1000);
    await publishedKeys(db, clock);
    const before = await signWith(db, clock);
    const oldKid = decodeProtectedHeader(before).kid;
    const { accessTokenKid } = await rotateSigningKeys(db, clock);
    expect(accessTokenKid).not.toBe(oldKid);
    expect((await currentSigningKey(db, ACCESS_TOKEN_ALG, clock)).kid).toBe(accessTokenKid);
    const jwks = { keys: await publishedKeys(db, clock) };
    expect(jwks.keys).toHaveLength(4);
    // A token signed before the rotation still verifies against the published set.
    await expect(jwtVerify(before, createLocalJWKSet(jwks))).resolves.toBeTruthy();
    await expect(jwtVerify(await signWith(db, clock), createLocalJWKSet(jwks))).resolves.toBeTruthy();
  });

  it('a second rotation retires the oldest keys from the JWKS', async () => {
    const db = openDb(':memory:');
    const clock = fixedClock(1000);
    const first = decodeProtectedHeader(await signWith(db, clock)).kid;
    await rotateSigningKeys(db, clock);
    await rotateSigningKeys(db, clock);
    const kids = (await publishedKeys(db, clock)).map((k) => k.kid);
    expect(kids).toHaveLength(4);
    expect(kids).not.toContain(first);
  });
});
