import { describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { cachedKeySet, jwksFetcher } from './jwks-cache';
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

describe('mutation testing (npm run mutation): how old a cached set may be, and which failures refetch', () => {
  /** As harness(), on a wall clock in milliseconds since 1970 (Date.now() scale), where the set's age is what counts. */
  function wallHarness(initial: JWK[]) {
    let t = 1_800_000_000_000;
    const fetches: number[] = [];
    const keys = cachedKeySet({
      fetchJwks: async () => {
        fetches.push(t);
        return { keys: initial };
      },
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
      cooldownMs: 5_000,
      maxAgeMs: 600_000,
    });
    const verify = (token: string) => verifyJwtAccessToken(token, { keys, issuer: ISSUER, resource: RESOURCE, clock: () => NOW });
    return { verify, fetches, advance: (ms: number) => void (t += ms) };
  }

  // The cache's own bound: a set is fetched again only when OLDER than maxAgeMs; up to that age the cached keys serve.
  it('serves a set from the cache up to exactly its maximum age, on a wall clock of today', async () => {
    const a = await asKey('key-a');
    const h = wallHarness([a.jwk]);
    expect((await h.verify(await a.sign())).ok).toBe(true);
    h.advance(1_000);
    expect((await h.verify(await a.sign())).ok).toBe(true);
    h.advance(599_000); // now exactly 600 000 ms old: not older than the maximum age
    expect((await h.verify(await a.sign())).ok).toBe(true);
    expect(h.fetches).toEqual([1_800_000_000_000]);
  });

  // RFC 7515 §4.1.4 / RFC 9068 §4: only an unknown kid may mean a rotation worth a refetch; a token
  // without kid that several keys could verify is refused as it is, without asking the AS again.
  it('RFC 7515 §4.1.4 a token without kid that several keys match is refused without refetching the JWKS', async () => {
    const a = await asKey('key-a');
    const b = await asKey('key-b');
    const h = wallHarness([a.jwk, b.jwk]);
    const noKid = await new SignJWT(accessTokenClaims()).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' }).sign((await generateKeyPair('ES256')).privateKey);
    expect((await h.verify(await a.sign())).ok).toBe(true);
    h.advance(10_000); // the cool-down is over: a refetch would happen at once
    const r = await h.verify(noKid);
    expect(r.ok).toBe(false);
    expect(h.fetches).toEqual([1_800_000_000_000]);
  });
});

describe('mutation testing (npm run mutation): the production fetch of the JWKS', () => {
  const URI = 'https://as.example/as/jwks';
  function fakeFetch(answer: () => Response) {
    const calls: [string, RequestInit | undefined][] = [];
    const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push([String(input), init]);
      return answer();
    }) as typeof fetch;
    return { impl, calls };
  }

  // RFC 8414 §3.2 jwks_uri: a JSON Web Key Set (RFC 7517 §5: an object with a "keys" array). Asked
  // for as JSON, never from an HTTP cache (a rotation must be seen), and a redirect is not followed.
  it('RFC 7517 §5 asks jwks_uri for JSON without cache or redirects, and returns the key set', async () => {
    const set = { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1' }] };
    const f = fakeFetch(() => Response.json(set));
    expect(await jwksFetcher(URI, f.impl)()).toEqual(set);
    expect(f.calls).toEqual([[URI, { redirect: 'manual', cache: 'no-store', headers: { accept: 'application/json' }, signal: expect.any(AbortSignal) }]]);
  });

  it.each([
    ['a 500', () => new Response('oops', { status: 500 }), 'the JWKS answered 500'],
    ['a redirect (302)', () => new Response(null, { status: 302, headers: { location: 'https://evil.example/jwks' } }), 'the JWKS answered 302'],
    ['JSON null', () => Response.json(null), 'the JWKS is not a JSON object with a keys array'],
    ['a JSON string', () => Response.json('keys'), 'the JWKS is not a JSON object with a keys array'],
    ['an object without keys', () => Response.json({}), 'the JWKS is not a JSON object with a keys array'],
    ['keys that is not an array', () => Response.json({ keys: { kid: 'k1' } }), 'the JWKS is not a JSON object with a keys array'],
  ])('RFC 7517 §5 refuses %s as a key set (the caller answers 503)', async (_name, answer, message) => {
    await expect(jwksFetcher(URI, fakeFetch(answer).impl)()).rejects.toThrow(message);
  });

  it('RFC 7517 §5 accepts an empty keys array (a set with no keys is still a set)', async () => {
    expect(await jwksFetcher(URI, fakeFetch(() => Response.json({ keys: [] })).impl)()).toEqual({ keys: [] });
  });
});
