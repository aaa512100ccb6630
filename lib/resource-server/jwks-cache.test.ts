import { describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { cachedKeySet } from './jwks-cache';
import { verifyJwtAccessToken } from './jwt-verification';
import { accessTokenClaims, ISSUER, NOW, RESOURCE } from './test-keys';

async function asKey(kid: string) {
  const pair = await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' };
  const sign = (k = kid) => new SignJWT(accessTokenClaims()).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: k }).sign(pair.privateKey);
  return { jwk, sign };
}

/** A fake AS JWKS endpoint and a fake wall clock: sleep advances the clock. */
function harness(initial: JWK[]) {
  let published: JSONWebKeySet = { keys: initial };
  let t = 100_000;
  const fetches: number[] = [];
  const keys = cachedKeySet({
    fetchJwks: async () => {
      fetches.push(t);
      return structuredClone(published);
    },
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
    cooldownMs: 5_000,
    maxAgeMs: 600_000,
  });
  const verify = (token: string) => verifyJwtAccessToken(token, { keys, issuer: ISSUER, resource: RESOURCE, clock: () => NOW });
  return {
    verify,
    fetches,
    publish: (k: JWK[]) => void (published = { keys: k }),
    advance: (ms: number) => void (t += ms),
    now: () => t,
  };
}

describe('RFC 9068 §4 the RS key cache: an unknown kid cannot delay the real next key', () => {
  it('accepts a token with the new kid after a forged unknown kid spent the cool-down, waiting only for its end', async () => {
    const a = await asKey('key-a');
    const b = await asKey('key-b');
    const h = harness([a.jwk]);
    expect((await h.verify(await a.sign())).ok).toBe(true);
    expect(h.fetches).toEqual([100_000]);

    h.advance(10_000); // the cool-down of the first fetch is over
    const forged = await h.verify(await a.sign('forged-kid'));
    expect(forged.ok).toBe(false);
    if (!forged.ok) expect(forged.error.description).toBe("no ES256 key with kid forged-kid in the authorization server's JWKS");
    expect(h.fetches).toEqual([100_000, 110_000]); // the forged kid spent the cool-down: refetched once

    h.advance(1_000);
    h.publish([a.jwk, b.jwk]); // a real rotation at the AS
    const fresh = await h.verify(await b.sign());
    expect(fresh.ok).toBe(true);
    expect(h.fetches).toEqual([100_000, 110_000, 115_000]); // one refetch, when the cool-down ended
  });

  it('keeps the load bounded: fifty forged kids at once cost one fetch per cool-down', async () => {
    const a = await asKey('key-a');
    const h = harness([a.jwk]);
    await h.verify(await a.sign());
    h.advance(1_000);
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => a.sign(`forged-${i}`)));
    const forged = await Promise.all(tokens.map((t) => h.verify(t)));
    expect(forged.every((v) => !v.ok)).toBe(true);
    expect(h.fetches).toEqual([100_000, 105_000]);
  });

  it('refetches at once when the cool-down is over, and serves known kids from the cache', async () => {
    const a = await asKey('key-a');
    const b = await asKey('key-b');
    const h = harness([a.jwk]);
    await h.verify(await a.sign());
    h.advance(6_000);
    h.publish([a.jwk, b.jwk]);
    expect((await h.verify(await b.sign())).ok).toBe(true);
    expect((await h.verify(await a.sign())).ok).toBe(true);
    expect(h.fetches).toEqual([100_000, 106_000]);
  });

  it('fetches again when the cached set is older than its maximum age', async () => {
    const a = await asKey('key-a');
    const h = harness([a.jwk]);
    await h.verify(await a.sign());
    h.advance(600_001);
    await h.verify(await a.sign());
    expect(h.fetches).toEqual([100_000, 700_001]);
  });
});
