import { describe, expect, it } from 'vitest';
import { currentSigningKey, EC_KEY_ALG, RSA_KEY_ALG } from './keys';
import { rotateKeysStep } from './key-rotation';
import { T0, testDeps } from './test-support';

/** The first eight characters of a kid and an ellipsis: how the timeline's summary names a key. */
const shortKid = (kid: string) => `${kid.slice(0, 8)}…`;

describe('rotating the signing keys from the sandbox controls (RFC 7517 §5, RFC 8414 §2 jwks_uri)', () => {
  it('records signing_key.rotated: the new kids, the keys that stopped signing, and until when each earlier key stays in the JWKS', async () => {
    const t = testDeps();
    // The EC key signs a five-minute access token; the RSA key signs nothing before the rotation.
    const ec = await currentSigningKey(t.db, EC_KEY_ALG, t.clock, 300);
    const rsa = await currentSigningKey(t.db, RSA_KEY_ALG, t.clock);
    const kids = await rotateKeysStep(t.deps, t.clock);

    expect(kids.accessTokenKid).not.toBe(ec.kid);
    expect(kids.idTokenKid).not.toBe(rsa.kid);
    expect((await currentSigningKey(t.db, EC_KEY_ALG, t.clock)).kid).toBe(kids.accessTokenKid);
    expect((await currentSigningKey(t.db, RSA_KEY_ALG, t.clock)).kid).toBe(kids.idTokenKid);

    expect(t.recorder.events).toHaveLength(1);
    const event = t.recorder.events[0]!;
    expect(event).toMatchObject({ from: 'auth-server', to: 'auth-server', type: 'signing_key.rotated', outcome: 'info' });
    // Rotated at T0: the EC key's last token lives to T0 + 300, plus 60 s leeway; the RSA key signed nothing and left at once.
    expect(event.data).toEqual({
      accessTokenKid: kids.accessTokenKid,
      idTokenKid: kids.idTokenKid,
      stopped_signing: expect.arrayContaining([ec.kid, rsa.kid]),
      current: expect.arrayContaining([
        { kid: kids.accessTokenKid, alg: 'ES256' },
        { kid: kids.idTokenKid, alg: 'RS256' },
      ]),
      previous: [{ kid: ec.kid, alg: 'ES256', retired_at: T0, published_until: T0 + 360 }],
    });
    // Exactly those: the two keys that were current, and the two that are now.
    expect((event.data as { stopped_signing: unknown[] }).stopped_signing).toHaveLength(2);
    expect((event.data as { current: unknown[] }).current).toHaveLength(2);
    // What a person reads on the timeline: which kids sign now, and the earlier key's last day in the JWKS
    // (T0 + 360 = 1 800 000 360 s after the epoch = 2027-01-15T08:06:00Z, in whole seconds).
    expect(event.summary).toBe(
      `Signing keys rotated: access tokens now signed with kid ${shortKid(kids.accessTokenKid)}, ID tokens with kid ${shortKid(kids.idTokenKid)}. ` +
        `Earlier keys stay in the JWKS until their last token expires: ${shortKid(ec.kid)} (ES256) until 2027-01-15T08:06:00Z.`,
    );
  });

  it('says so when no earlier key has a live token: none stays in the JWKS', async () => {
    const t = testDeps();
    await rotateKeysStep(t.deps, t.clock);
    const event = t.recorder.events[0]!;
    expect(event.data).toMatchObject({ previous: [] });
    expect(event.summary).toMatch(/No earlier key has a live token: none stays in the JWKS\.$/);
  });
});
