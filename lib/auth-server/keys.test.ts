import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { openDb } from '@/lib/store/db';
import { fixedClock } from '@/lib/runs/clock';
import { EC_KEY_ALG, currentSigningKey, RSA_KEY_ALG, keyInventory, publishedKeys, rotateSigningKeys } from './keys';
import { T0, testDeps } from './test-support';

async function signWith(db: ReturnType<typeof openDb>, clock: () => number, lifetime = 300) {
  const key = await currentSigningKey(db, EC_KEY_ALG, clock, lifetime);
  return new SignJWT({ x: 1 })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuedAt(clock())
    .setExpirationTime(clock() + lifetime)
    .sign(key.privateKey);
}

const verifyAt = async (jwt: string, keys: Awaited<ReturnType<typeof publishedKeys>>, at: number) =>
  jwtVerify(jwt, createLocalJWKSet({ keys }), { currentDate: new Date(at * 1000) });

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
    const a = await currentSigningKey(db, RSA_KEY_ALG, fixedClock(1));
    const b = await currentSigningKey(db, RSA_KEY_ALG, fixedClock(2));
    expect(b.kid).toBe(a.kid);
  });

  it('stores only one first key when two requests race to create it', async () => {
    const db = openDb(':memory:');
    const [a, b] = await Promise.all([
      currentSigningKey(db, EC_KEY_ALG, fixedClock(1)),
      currentSigningKey(db, EC_KEY_ALG, fixedClock(1)),
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
    expect((await currentSigningKey(db, EC_KEY_ALG, clock)).kid).toBe(accessTokenKid);
    const keys = await publishedKeys(db, clock);
    // The two new current keys, and the old ES256 key that signed a live token; the old RS256 key signed nothing and went.
    expect(keys.map((k) => k.kid).sort()).toEqual([accessTokenKid, oldKid, (await currentSigningKey(db, RSA_KEY_ALG, clock)).kid].sort());
    // A token signed before the rotation still verifies against the published set.
    await expect(verifyAt(before, keys, clock())).resolves.toMatchObject({ payload: { x: 1 }, protectedHeader: { kid: oldKid } });
    await expect(verifyAt(await signWith(db, clock), keys, clock())).resolves.toMatchObject({ payload: { x: 1 }, protectedHeader: { kid: accessTokenKid } });
  });

  // Issue 8 §4: a rotation never invalidates a token that has not expired, however many follow.
  it('three rotations in a row leave every earlier unexpired token verifiable against the JWKS', async () => {
    const db = openDb(':memory:');
    const clock = fixedClock(10_000);
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      tokens.push(await signWith(db, clock, 3600));
      await rotateSigningKeys(db, clock);
      clock.advance(60);
    }
    tokens.push(await signWith(db, clock, 3600));
    const keys = await publishedKeys(db, clock);
    expect(new Set(tokens.map((t) => decodeProtectedHeader(t).kid)).size).toBe(4);
    for (const t of tokens) await expect(verifyAt(t, keys, clock())).resolves.toMatchObject({ payload: { x: 1 }, protectedHeader: { kid: decodeProtectedHeader(t).kid } });
  });

  it('a retired key stays published until its longest-lived token has expired (plus 60 s leeway), then leaves', async () => {
    const db = openDb(':memory:');
    const clock = fixedClock(50_000);
    const short = await signWith(db, clock, 300);
    const long = await signWith(db, clock, 7200); // same key, a longer-lived token
    const kid = decodeProtectedHeader(long).kid;
    await rotateSigningKeys(db, clock); // rotated at 50 000: its last token lives to 57 200
    expect(keyInventory(db, clock).previous.find((k) => k.kid === kid)).toMatchObject({ retiredAt: 50_000, publishedUntil: 50_000 + 7200 + 60 });
    clock.advance(7200 + 59);
    expect((await publishedKeys(db, clock)).map((k) => k.kid)).toContain(kid);
    await expect(verifyAt(long, await publishedKeys(db, clock), 50_000 + 7199)).resolves.toMatchObject({ protectedHeader: { kid }, payload: { exp: 50_000 + 7200 } });
    // The short-lived token of the same key expired long ago: it is not what keeps the key published.
    expect(decodeProtectedHeader(short).kid).toBe(kid);
    clock.advance(1);
    expect((await publishedKeys(db, clock)).map((k) => k.kid)).not.toContain(kid);
  });

  it('a key that signed nothing leaves the JWKS at once: rotating again and again does not grow it', async () => {
    const db = openDb(':memory:');
    const clock = fixedClock(1000);
    await publishedKeys(db, clock); // first keys, used for nothing
    for (let i = 0; i < 4; i++) await rotateSigningKeys(db, clock);
    expect(await publishedKeys(db, clock)).toHaveLength(2);
  });

  it('the lifetime a key remembers is bounded by the longest a run may set (30 days)', async () => {
    const db = openDb(':memory:');
    const clock = fixedClock(1000);
    const key = await currentSigningKey(db, EC_KEY_ALG, clock, 1e9);
    await rotateSigningKeys(db, clock);
    expect(keyInventory(db, clock).previous.find((k) => k.kid === key.kid)?.publishedUntil).toBe(1000 + 30 * 86_400 + 60);
  });
});

// These start from the test-support keys (made once per file, made at T0): only the rotation makes new ones.
describe('what the JWKS holds, key by key (RFC 7517 §5)', () => {
  it('the inventory names each current key once, and a previous key as previous only', async () => {
    const { db, clock } = testDeps();
    const old = await currentSigningKey(db, EC_KEY_ALG, clock, 300);
    const oldRsa = await currentSigningKey(db, RSA_KEY_ALG, clock, 300);
    const { accessTokenKid, idTokenKid, retiredKids } = await rotateSigningKeys(db, clock);
    // The keys that stopped signing, and nothing else.
    expect([...retiredKids].sort()).toEqual([old.kid, oldRsa.kid].sort());
    const inventory = keyInventory(db, clock);
    expect([...inventory.current].sort((a, b) => a.alg.localeCompare(b.alg))).toEqual([
      { kid: accessTokenKid, alg: 'ES256' },
      { kid: idTokenKid, alg: 'RS256' },
    ]);
    expect(inventory.previous.map((k) => k.kid).sort()).toEqual([old.kid, oldRsa.kid].sort());
  });

  it('a previous key stays published from when it stopped signing, not from when it was made', async () => {
    const { db, clock } = testDeps();
    const key = await currentSigningKey(db, EC_KEY_ALG, clock, 600); // made at T0
    clock.advance(4000);
    await rotateSigningKeys(db, clock); // stopped signing at T0 + 4000
    expect(keyInventory(db, clock).previous.find((k) => k.kid === key.kid)).toEqual({ kid: key.kid, alg: 'ES256', retiredAt: T0 + 4000, publishedUntil: T0 + 4000 + 600 + 60 });
  });

  it('a key that signed a token living one second stays published for that second (plus 60 s leeway)', async () => {
    const { db, clock } = testDeps();
    const key = await currentSigningKey(db, EC_KEY_ALG, clock, 1);
    await rotateSigningKeys(db, clock);
    expect(keyInventory(db, clock).previous.find((k) => k.kid === key.kid)?.publishedUntil).toBe(T0 + 1 + 60);
    clock.advance(60);
    expect((await publishedKeys(db, clock)).map((k) => k.kid)).toContain(key.kid);
    clock.advance(1);
    expect((await publishedKeys(db, clock)).map((k) => k.kid)).not.toContain(key.kid);
  });

  it('a signing key is imported once and reused, not on every token (importing an RSA key is slow)', async () => {
    const { db, clock } = testDeps();
    const first = await currentSigningKey(db, RSA_KEY_ALG, clock, 300);
    const again = await currentSigningKey(db, RSA_KEY_ALG, clock, 300);
    expect(again.kid).toBe(first.kid);
    expect(again.privateKey).toBe(first.privateKey);
  });

  it('asking for the current keys without signing (the JWKS) writes no lifetime (issue 11: a read stays a read)', async () => {
    const { db, clock } = testDeps();
    const prepare = db.prepare;
    const seen: string[] = [];
    db.prepare = ((sql: string) => (seen.push(sql), prepare.call(db, sql))) as typeof db.prepare;
    try {
      await currentSigningKey(db, EC_KEY_ALG, clock);
      await publishedKeys(db, clock);
    } finally {
      db.prepare = prepare;
    }
    expect(seen.filter((sql) => sql.includes('SET max_token_lifetime'))).toEqual([]);
  });
});
