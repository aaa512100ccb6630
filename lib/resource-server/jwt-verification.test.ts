import { base64url, createLocalJWKSet, exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/runs/clock';
import type { TokenVerdict } from './access-token';
import { CLOCK_LEEWAY_SECONDS, verifyJwtAccessToken } from './jwt-verification';
import { accessTokenClaims, ISSUER, makeTestKeys, NOW, RESOURCE, RUN_ID, signAccessToken, signRs256AccessToken, type TestKeys } from './test-keys';

let keys: TestKeys;
beforeAll(async () => {
  keys = await makeTestKeys();
});

const verify = (token: string, now = NOW) => verifyJwtAccessToken(token, { keys: keys.keySet, issuer: ISSUER, resource: RESOURCE, clock: fixedClock(now) });

const encode = (o: unknown) => base64url.encode(JSON.stringify(o));

/** The verdict is a 401 invalid_token whose description says why, and whose last check is the one that failed. */
function expectRejected(v: TokenVerdict, check: string, description: RegExp) {
  expect(v.ok).toBe(false);
  if (v.ok) return;
  expect(v.error.code).toBe('invalid_token');
  expect(v.error.status).toBe(401);
  expect(v.error.description).toMatch(description);
  const last = v.checks[v.checks.length - 1]!;
  expect(last).toMatchObject({ name: check, passed: false });
  expect(v.checks.slice(0, -1).every((c) => c.passed)).toBe(true);
}

describe('RFC 9068 §4 local JWT access token verification', () => {
  it('accepts a token signed by the AS key, with every check passed in order', async () => {
    const v = await verify(await signAccessToken(keys));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.principal).toEqual({ sub: 'alice', clientId: 'cli', scopes: ['notes:read', 'notes:write'], audience: [RESOURCE], exp: NOW + 300, runId: RUN_ID, via: 'local' });
    expect(v.checks.map((c) => c.name)).toEqual(['format', 'critical headers', 'algorithm', 'kid', 'signature', 'typ', 'required claims', 'iss', 'aud', 'nbf', 'exp']);
    expect(v.checks.every((c) => c.passed)).toBe(true);
  });

  it('§2.1 accepts an RS256 token signed by the AS RSA key (RS256 MUST be supported), every check passed', async () => {
    const v = await verify(await signRs256AccessToken(keys));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.principal).toMatchObject({ sub: 'alice', clientId: 'cli', runId: RUN_ID, via: 'local' });
    expect(v.checks.find((c) => c.name === 'algorithm')?.reason).toBe('alg RS256 is on the allowlist (ES256, RS256)');
    expect(v.checks.find((c) => c.name === 'kid')?.reason).toBe("kid rs-1 found in the authorization server's JWKS for RS256");
    expect(v.checks.every((c) => c.passed)).toBe(true);
  });

  it('§2.1 accepts an RS256 token without kid: the one RSA key of the JWKS is used', async () => {
    const v = await verify(await new SignJWT(accessTokenClaims()).setProtectedHeader({ alg: 'RS256', typ: 'at+jwt' }).sign(keys.rs256.privateKey));
    expect(v.ok).toBe(true);
  });

  it('§2.1 accepts typ application/at+jwt (media type form)', async () => {
    const v = await verify(await signAccessToken(keys, accessTokenClaims(), { typ: 'application/at+jwt' }));
    expect(v.ok).toBe(true);
  });

  it('§4 accepts an aud array that contains this resource', async () => {
    const v = await verify(await signAccessToken(keys, accessTokenClaims({ aud: ['https://other.example/api', RESOURCE] })));
    expect(v.ok).toBe(true);
  });

  it(`§4 accepts a token expired less than the stated leeway (${CLOCK_LEEWAY_SECONDS} s) ago`, async () => {
    const v = await verify(await signAccessToken(keys, accessTokenClaims({ exp: NOW - (CLOCK_LEEWAY_SECONDS - 5) })));
    expect(v.ok).toBe(true);
  });
});

describe('RFC 8725 / RFC 9068 attacks on the resource server (each 401 invalid_token)', () => {
  it('X1 §3.1 refuses alg none', async () => {
    const token = `${encode({ alg: 'none', typ: 'at+jwt', kid: 'es-1' })}.${encode(accessTokenClaims())}.`;
    expectRejected(await verify(token), 'algorithm', /alg none is not allowed; only ES256, RS256$/);
  });

  it('X2 §3.1 refuses HS256 signed with the public key as the HMAC secret', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(keys.es256.publicJwk));
    const token = await new SignJWT(accessTokenClaims()).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: 'es-1' }).sign(secret);
    expectRejected(await verify(token), 'algorithm', /alg HS256 is not allowed/);
    const pem = new TextEncoder().encode(await exportSPKI(keys.rs256.publicKey));
    const token2 = await new SignJWT(accessTokenClaims()).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: 'rs-1' }).sign(pem);
    expectRejected(await verify(token2), 'algorithm', /alg HS256 is not allowed/);
  });

  it('X3 refuses an unknown kid', async () => {
    const token = await new SignJWT(accessTokenClaims()).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'attacker-1' }).sign(keys.attacker.privateKey);
    expectRejected(await verify(token), 'kid', /no ES256 key with kid attacker-1/);
  });

  it('X3 refuses an RS256 token signed by an RSA key the JWKS does not hold', async () => {
    const sign = (header: Record<string, unknown>) =>
      new SignJWT(accessTokenClaims()).setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', ...header }).sign(keys.attackerRsa.privateKey);
    expectRejected(await verify(await sign({ kid: 'attacker-rsa' })), 'kid', /no RS256 key with kid attacker-rsa/);
    // Claiming the AS key's kid, or naming none, the AS key is used and the signature fails.
    expectRejected(await verify(await sign({ kid: 'rs-1' })), 'signature', /signature does not verify/);
    expectRejected(await verify(await sign({})), 'signature', /signature does not verify/);
  });

  it('RFC 8725 §3.1 refuses an ES256-signed token whose header claims RS256 (each key only with its own alg)', async () => {
    const [, payload, signature] = (await signAccessToken(keys)).split('.');
    const claimRs256 = (header: Record<string, unknown>) => `${encode({ alg: 'RS256', typ: 'at+jwt', ...header })}.${payload}.${signature}`;
    // The ES256 key's JWK says alg ES256: it is not a candidate for an RS256 header.
    expectRejected(await verify(claimRs256({ kid: 'es-1' })), 'kid', /no RS256 key with kid es-1/);
    // With the RSA key's kid or no kid, the RSA key is tried and the EC signature does not verify with it.
    expectRejected(await verify(claimRs256({ kid: 'rs-1' })), 'signature', /signature does not verify/);
    expectRejected(await verify(claimRs256({})), 'signature', /signature does not verify/);
  });

  it('RFC 8725 §3.1 refuses an RS256-signed token whose header claims ES256', async () => {
    const [, payload, signature] = (await signRs256AccessToken(keys)).split('.');
    const token = `${encode({ alg: 'ES256', typ: 'at+jwt', kid: 'rs-1' })}.${payload}.${signature}`;
    expectRejected(await verify(token), 'kid', /no ES256 key with kid rs-1/);
  });

  it('X11 §3.10 treats a kid carrying SQL or a path as data', async () => {
    const token = await signAccessToken(keys, accessTokenClaims(), { kid: "es-1' OR '1'='1" });
    expectRejected(await verify(token), 'kid', /no ES256 key with kid es-1' OR '1'='1/);
  });

  it.each([
    ['jku', { jku: 'https://attacker.example/jwks.json' }],
    ['x5u', { x5u: 'https://attacker.example/cert.pem' }],
  ])('X4 §3.10 ignores a %s header pointing elsewhere: keys come only from the AS JWKS', async (_name, header) => {
    const token = await new SignJWT(accessTokenClaims()).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'es-1', ...header }).sign(keys.attacker.privateKey);
    expectRejected(await verify(token), 'signature', /signature does not verify/);
  });

  it('X4 ignores an embedded jwk header carrying the attacker key', async () => {
    const token = await new SignJWT(accessTokenClaims()).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'es-1', jwk: keys.attacker.publicJwk }).sign(keys.attacker.privateKey);
    expectRejected(await verify(token), 'signature', /signature does not verify/);
    const noKid = await new SignJWT(accessTokenClaims()).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', jwk: keys.attacker.publicJwk }).sign(keys.attacker.privateKey);
    expectRejected(await verify(noKid), 'signature', /signature does not verify/);
  });

  it('X5 RFC 7519 §4.1.4 refuses an expired token (past the leeway)', async () => {
    const token = await signAccessToken(keys, accessTokenClaims({ exp: NOW - CLOCK_LEEWAY_SECONDS - 1 }));
    expectRejected(await verify(token), 'exp', new RegExp(`expired at ${NOW - CLOCK_LEEWAY_SECONDS - 1}; the run's clock says ${NOW}`));
  });

  it("X5 uses the run's clock: a valid token expires when the run travels past exp", async () => {
    const token = await signAccessToken(keys);
    expect((await verify(token)).ok).toBe(true);
    expectRejected(await verify(token, NOW + 3600), 'exp', /expired at/);
  });

  it('X5 RFC 7519 §4.1.5 refuses nbf in the future', async () => {
    const token = await signAccessToken(keys, accessTokenClaims({ nbf: NOW + 120 }));
    expectRejected(await verify(token), 'nbf', new RegExp(`not valid before ${NOW + 120}`));
  });

  it.each([
    ['another issuer', 'https://evil.example/as'],
    ['the trailing-slash variant', `${ISSUER}/`],
  ])('X6 refuses iss from %s (exact match)', async (_name, iss) => {
    const token = await signAccessToken(keys, accessTokenClaims({ iss }));
    expectRejected(await verify(token), 'iss', new RegExp(`iss is ${iss.replace(/[/.]/g, '\\$&')}, expected exactly`));
  });

  it.each([
    ['another resource', 'http://localhost:3000/other-api'],
    ['an array without this resource', ['http://localhost:3000/other-api', 'cli']],
  ])('X7 refuses aud naming %s', async (_name, aud) => {
    const token = await signAccessToken(keys, accessTokenClaims({ aud }));
    expectRejected(await verify(token), 'aud', /does not contain http:\/\/localhost:3000\/rs/);
  });

  it('X8 refuses an ID token (RS256, typ JWT, aud = client) presented as an access token', async () => {
    const idToken = await new SignJWT({ iss: ISSUER, sub: 'alice', aud: 'cli', iat: NOW, exp: NOW + 300, nonce: 'n' })
      .setProtectedHeader({ alg: 'RS256', kid: keys.rs256.kid, typ: 'JWT' })
      .sign(keys.rs256.privateKey);
    // RS256 is allowed and the key is the AS key: explicit typing is what refuses it (RFC 8725 §3.11).
    expectRejected(await verify(idToken), 'typ', /typ is JWT, not at\+jwt/);
  });

  it('X8 refuses a token signed with the AT key but typ JWT (not an access token)', async () => {
    const token = await signAccessToken(keys, accessTokenClaims(), { typ: 'JWT' });
    expectRejected(await verify(token), 'typ', /typ is JWT, not at\+jwt/);
    const noTyp = await new SignJWT(accessTokenClaims()).setProtectedHeader({ alg: 'ES256', kid: 'es-1' }).sign(keys.es256.privateKey);
    expectRejected(await verify(noTyp), 'typ', /typ is \(none\)/);
  });

  it('X9 refuses a payload edited after signing (scope widened)', async () => {
    const [h, , s] = (await signAccessToken(keys, accessTokenClaims({ scope: 'notes:read' }))).split('.');
    const token = `${h}.${encode(accessTokenClaims({ scope: 'notes:read notes:write' }))}.${s}`;
    expectRejected(await verify(token), 'signature', /signature does not verify/);
  });

  it('X10 refuses an unknown crit header', async () => {
    const token = await new SignJWT(accessTokenClaims())
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'es-1', crit: ['urn:example:must-understand'], 'urn:example:must-understand': true })
      .sign(keys.es256.privateKey, { crit: { 'urn:example:must-understand': true } });
    expectRejected(await verify(token), 'critical headers', /unknown critical header urn:example:must-understand/);
  });

  it('§2.2 refuses a token missing a required claim (client_id)', async () => {
    const { client_id: _omit, ...claims } = accessTokenClaims();
    expectRejected(await verify(await signAccessToken(keys, claims)), 'required claims', /client_id claim is missing/);
  });

  // RFC 9068 §2.2: sub, client_id and jti are strings (RFC 7519 §4.1.2, §4.1.7; RFC 8693 §4.3);
  // present but of the wrong type, or empty, the token is refused at the same step.
  it.each([
    ['sub', 42],
    ['sub', ''],
    ['client_id', ['cli']],
    ['client_id', ''],
    ['jti', 7],
    ['jti', ''],
  ])('§2.2 refuses a token whose %s claim is %j (not a non-empty string)', async (claim, value) => {
    const token = await signAccessToken(keys, accessTokenClaims({ [claim]: value }));
    expectRejected(await verify(token), 'required claims', new RegExp(`^the ${claim} claim must be a non-empty string$`));
  });

  it('RFC 9068 §2.2.3 refuses a scope claim that is not a space-delimited string', async () => {
    for (const scope of [['notes:read', 'notes:write'], 1]) {
      const token = await signAccessToken(keys, accessTokenClaims({ scope }));
      expectRejected(await verify(token), 'required claims', /^the scope claim must be a string$/);
    }
  });

  it('refuses something that is not a JWT at all', async () => {
    expectRejected(await verify('abc.def.ghi'), 'format', /not a JWT/);
  });

  it('answers temporarily_unavailable (503), not invalid_token, when the JWKS cannot be fetched', async () => {
    const v = await verifyJwtAccessToken(await signAccessToken(keys), {
      keys: async () => {
        throw new TypeError('fetch failed');
      },
      issuer: ISSUER,
      resource: RESOURCE,
      clock: fixedClock(NOW),
    });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.error.code).toBe('temporarily_unavailable');
    expect(v.error.status).toBe(503);
    expect(v.error.description).toMatch(/JWKS could not be fetched \(fetch failed\)/);
  });
});

describe('mutation testing (npm run mutation): claims and key choice no earlier test reached', () => {
  // RFC 7519 §4.1.4 and §4.1.6: exp and iat are NumericDate values (JSON numbers). A string there
  // is a malformed required claim (RFC 9068 §2.2), refused at that step, not taken for a date.
  it.each([
    ['iat', 'yesterday'],
    ['exp', '1800000300'],
  ])('RFC 7519 §4.1 refuses a token whose %s is the string %j, not a NumericDate', async (claim, value) => {
    const token = await signAccessToken(keys, accessTokenClaims({ [claim]: value }));
    expectRejected(await verify(token), 'required claims', new RegExp(`^the ${claim} claim is malformed$`));
  });

  // RFC 7515 §4.1.4 / RFC 7517 §4.5: with no kid, the verifier must pick the key some other way;
  // with two keys of the token's algorithm it cannot, and refuses at the key step rather than guess.
  it('RFC 7515 §4.1.4 refuses a token without kid when the JWKS holds two keys of its alg', async () => {
    const a = await generateKeyPair('ES256');
    const b = await generateKeyPair('ES256');
    const twoKeys = createLocalJWKSet({ keys: [{ ...(await exportJWK(a.publicKey)), alg: 'ES256' }, { ...(await exportJWK(b.publicKey)), alg: 'ES256' }] });
    const token = await new SignJWT(accessTokenClaims()).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' }).sign(a.privateKey);
    const v = await verifyJwtAccessToken(token, { keys: twoKeys, issuer: ISSUER, resource: RESOURCE, clock: fixedClock(NOW) });
    expectRejected(v, 'kid', /several keys match and the token names no kid/);
  });
});

describe('mutation testing (npm run mutation): a refusal shows the checks that passed before it', () => {
  const ALL = ['format', 'critical headers', 'algorithm', 'kid', 'signature', 'typ', 'required claims', 'iss', 'aud', 'nbf', 'exp'];
  const names = (v: TokenVerdict) => v.checks.map((c) => `${c.name}:${c.passed ? 'passed' : 'failed'}`);
  const upTo = (failedAt: string) => [...ALL.slice(0, ALL.indexOf(failedAt)).map((n) => `${n}:passed`), `${failedAt}:failed`];

  // RFC 9068 §4 lists what the resource server validates; the timeline shows the checks in that
  // order, every one before the failing one as passed, none after it.
  it.each<[string, Record<string, unknown>, string]>([
    ['an issuer that is not the AS (RFC 9068 §4 item 3)', { iss: 'https://evil.example/as' }, 'iss'],
    ['an audience that is not this resource (RFC 9068 §4 item 4)', { aud: 'https://other.example/api' }, 'aud'],
    ['an expired token (RFC 9068 §4 item 7)', { exp: NOW - CLOCK_LEEWAY_SECONDS - 1 }, 'exp'],
  ])('RFC 9068 §4 refusing %s lists every earlier check as passed, in order', async (_name, claims, failedAt) => {
    const v = await verify(await signAccessToken(keys, accessTokenClaims(claims)));
    expect(names(v)).toEqual(upTo(failedAt));
  });

  // RFC 7515 §4.1.11: crit is an array of header names; a header where it is a string is not a
  // well-formed JWS, refused at the first check.
  it('RFC 7515 §4.1.11 refuses a header whose crit is not an array at the format check', async () => {
    const [, payload] = (await signAccessToken(keys)).split('.');
    const header = encode({ alg: 'ES256', typ: 'at+jwt', kid: 'es-1', crit: 'exp' });
    const v = await verify(`${header}.${payload}.${encode('x')}`);
    expect(names(v)).toEqual(['format:failed']);
    expectRejected(v, 'format', /not a well-formed signed JWT/);
  });
});

describe('mutation testing (npm run mutation): optional claims', () => {
  // RFC 9068 §2.2.3: scope is present when the authorization request had one; a token without it
  // is still an access token, and grants no scope (the policy then refuses every action).
  it('RFC 9068 §2.2.3 accepts a token without a scope claim, granting no scope', async () => {
    const { scope: _omit, ...claims } = accessTokenClaims();
    const v = await verify(await signAccessToken(keys, claims));
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.principal.scopes).toEqual([]);
  });

  // sandbox_run is this sandbox's private claim (RFC 7519 §4.3): only a string names a run.
  it('RFC 7519 §4.3 a sandbox_run claim that is not a string names no run', async () => {
    const v = await verify(await signAccessToken(keys, accessTokenClaims({ sandbox_run: 42 })));
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.principal).not.toHaveProperty('runId');
  });
});
