import { createPrivateKey, sign, type JsonWebKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { idTokenHintSubject } from './id-token-hint';
import { EC_KEY_ALG, RSA_KEY_ALG } from './keys';
import { T0, TEST_ORIGIN, testDeps } from './test-support';
import { findCurrentSigningKey } from '@/lib/store/signing-keys';

/**
 * OpenID Connect Core §3.1.2.1 id_token_hint: "ID Token previously issued by the Authorization
 * Server". The hints below are written by hand (RFC 7515 §7.1 compact serialization) and signed
 * with the test store's own keys, so each breaks exactly one property of a real ID token.
 */
const ISS = `${TEST_ORIGIN}/as`;
type World = ReturnType<typeof testDeps>;

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A compact JWS over `header` and `payload`, signed with the store's current key for `keyAlg` (SHA-256). */
function jws(t: World, header: unknown, payload: unknown, keyAlg: string = RSA_KEY_ALG): string {
  const row = findCurrentSigningKey(t.db, keyAlg)!;
  const input = `${b64(header)}.${b64(payload)}`;
  const key = createPrivateKey({ key: JSON.parse(row.privateJwk) as JsonWebKey, format: 'jwk' });
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

const rsaKid = (t: World) => findCurrentSigningKey(t.db, RSA_KEY_ALG)!.kid;
const header = (t: World, over: Record<string, unknown> = {}) => ({ alg: 'RS256', typ: 'JWT', kid: rsaKid(t), ...over });
const claims = (over: Record<string, unknown> = {}) => ({ iss: ISS, sub: 'alice', aud: 'cli', iat: T0, exp: T0 + 300, ...over });

describe('OpenID Connect Core §3.1.2.1 id_token_hint: only an ID token this server issued to the client', () => {
  it('a hint shaped as this server signs its ID tokens names its sub', () => {
    const t = testDeps();
    expect(idTokenHintSubject(jws(t, header(t), claims()), 'cli', t.deps)).toBe('alice');
  });

  it('Core §2 aud may be an array: a hint whose aud lists the client among others names its sub', () => {
    const t = testDeps();
    expect(idTokenHintSubject(jws(t, header(t), claims({ aud: ['other', 'cli'] })), 'cli', t.deps)).toBe('alice');
  });

  it('a hint issued to another client is no hint for this one (aud)', () => {
    const t = testDeps();
    expect(idTokenHintSubject(jws(t, header(t), claims({ aud: 'notes-assistant' })), 'cli', t.deps)).toBeUndefined();
    expect(idTokenHintSubject(jws(t, header(t), claims({ aud: ['notes-assistant'] })), 'cli', t.deps)).toBeUndefined();
  });

  it('a hint from another issuer is refused, even signed with this server s key (iss compared exactly)', () => {
    const t = testDeps();
    expect(idTokenHintSubject(jws(t, header(t), claims({ iss: 'https://other.example/as' })), 'cli', t.deps)).toBeUndefined();
    expect(idTokenHintSubject(jws(t, header(t), claims({ iss: `${ISS}/` })), 'cli', t.deps)).toBeUndefined();
  });

  it('Core §2 sub is a string: a hint without one, or with a number, names nobody', () => {
    const t = testDeps();
    expect(idTokenHintSubject(jws(t, header(t), claims({ sub: undefined })), 'cli', t.deps)).toBeUndefined();
    expect(idTokenHintSubject(jws(t, header(t), claims({ sub: 42 })), 'cli', t.deps)).toBeUndefined();
  });

  it('RFC 9068 §2.1: an RS256 access token (typ at+jwt) is not an ID token, whatever its claims', () => {
    const t = testDeps();
    expect(idTokenHintSubject(jws(t, header(t, { typ: 'at+jwt' }), claims()), 'cli', t.deps)).toBeUndefined();
    expect(idTokenHintSubject(jws(t, header(t, { typ: undefined }), claims()), 'cli', t.deps)).toBeUndefined();
  });

  it('RFC 7515 §4.1.1: a header naming another alg than the RS256 the signature uses is refused', () => {
    const t = testDeps();
    for (const alg of ['RS512', 'PS256', 'none'])
      expect(idTokenHintSubject(jws(t, header(t, { alg }), claims()), 'cli', t.deps), alg).toBeUndefined();
  });

  it('a hint signed with the ES256 key but labelled RS256 is refused: the kid must name an RS256 key (no algorithm confusion)', () => {
    const t = testDeps();
    const ecKid = findCurrentSigningKey(t.db, EC_KEY_ALG)!.kid;
    // node:crypto signs ECDSA in DER, which node:crypto's verify would accept with the EC public key.
    const forged = jws(t, header(t, { kid: ecKid }), claims(), EC_KEY_ALG);
    expect(idTokenHintSubject(forged, 'cli', t.deps)).toBeUndefined();
  });

  it('a hint whose kid the JWKS does not publish, or that names no kid, is refused (no exception)', () => {
    const t = testDeps();
    expect(idTokenHintSubject(jws(t, header(t, { kid: 'not-a-published-kid' }), claims()), 'cli', t.deps)).toBeUndefined();
    expect(idTokenHintSubject(jws(t, header(t, { kid: undefined }), claims()), 'cli', t.deps)).toBeUndefined();
  });

  it('a hint that is not three base64url JSON parts is refused without an exception', () => {
    const t = testDeps();
    const good = jws(t, header(t), claims());
    const [h, p, s] = good.split('.') as [string, string, string];
    for (const hint of [
      `${h}.${p}`, // two parts: no signature
      `${good}.${s}`, // four parts
      `${b64('not json')}.${p}.${s}`, // a header that is not JSON
      `${h}.${b64('not json')}.${s}`, // claims that are not JSON
      `${b64('null')}.${p}.${s}`,
      `${h}.${b64('null')}.${s}`,
    ])
      expect(idTokenHintSubject(hint, 'cli', t.deps), hint).toBeUndefined();
  });

  it('a hint whose signature does not match its header and claims is refused', () => {
    const t = testDeps();
    const [h, , s] = jws(t, header(t), claims()).split('.') as [string, string, string];
    const otherClaims = b64(claims({ sub: 'bob' }));
    expect(idTokenHintSubject(`${h}.${otherClaims}.${s}`, 'cli', t.deps)).toBeUndefined();
  });
});
