import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

interface KeySetCacheDeps {
  /** Fetches the authorization server's JWKS (RFC 8414 `jwks_uri`); throws when it cannot. */
  fetchJwks(): Promise<JSONWebKeySet>;
  /** Milliseconds, for the cache's own bounds (wall time, not a run's clock). */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** At most one fetch per this many ms, whatever the tokens say. */
  cooldownMs: number;
  /** A set older than this is fetched again before use. */
  maxAgeMs: number;
}

/**
 * The resource server's cache of the authorization server's JWKS (RFC 9068
 * §4: keys come from the AS's JWKS only), as a jose key resolver.
 *
 * On a `kid` it does not hold it fetches the JWKS again, at most once per
 * cool-down, so a flood of forged kids costs the authorization server one
 * request per cool-down. Unlike jose's remote set, an unknown kid during the
 * cool-down is not refused at once: the request waits for the cool-down to
 * end and shares that one refetch. So a forged token with a made-up kid
 * cannot spend the cool-down and make the real next key (after a rotation)
 * fail for seconds; it only delays itself, and the new key's first token
 * waits at most one cool-down.
 *
 * Does not check what the keys are for (jose selects by `alg`, `kty`, `use`,
 * `kid`). A fetch failure is thrown as is (the caller answers 503).
 */
export function cachedKeySet(deps: KeySetCacheDeps): JWTVerifyGetKey {
  let keys: JWTVerifyGetKey | undefined;
  // Stryker disable next-line UnaryOperator: equivalent, fetchedAt is read only once keys is set, and fetchNow sets both
  let fetchedAt = -Infinity;
  let lastAttempt = -Infinity;
  let scheduled: Promise<void> | undefined;

  const fetchNow = async () => {
    lastAttempt = deps.now();
    const jwks = await deps.fetchJwks();
    keys = createLocalJWKSet(jwks);
    fetchedAt = deps.now();
  };

  /** One shared fetch, as soon as the cool-down allows; later callers join it. */
  const refetch = (): Promise<void> => {
    scheduled ??= (async () => {
      const wait = lastAttempt + deps.cooldownMs - deps.now();
      // Stryker disable next-line EqualityOperator: equivalent, sleeping 0 ms is not waiting
      if (wait > 0) await deps.sleep(wait);
      await fetchNow();
    })().finally(() => {
      scheduled = undefined;
    });
    return scheduled;
  };

  return async (header, token) => {
    if (!keys || deps.now() - fetchedAt > deps.maxAgeMs) await refetch();
    try {
      return await keys!(header, token);
    } catch (e) {
      if (!(e instanceof errors.JWKSNoMatchingKey)) throw e;
    }
    // An unknown kid: perhaps a rotation. Fetch once (now, or when the cool-down ends), then decide.
    await refetch();
    return keys!(header, token);
  };
}

/** The production fetch of the JWKS: 200 JSON with a `keys` array, no redirects, no cache, 5 s at most. */
export function jwksFetcher(jwksUri: string, fetchImpl: typeof fetch = fetch): () => Promise<JSONWebKeySet> {
  return async () => {
    const res = await fetchImpl(jwksUri, { redirect: 'manual', cache: 'no-store', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
    if (res.status !== 200) throw new Error(`the JWKS answered ${res.status}`);
    const body: unknown = await res.json();
    if (typeof body !== 'object' || body === null || !Array.isArray((body as { keys?: unknown }).keys)) throw new Error('the JWKS is not a JSON object with a keys array');
    return body as JSONWebKeySet;
  };
}
