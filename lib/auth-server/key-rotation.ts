import 'server-only';
import type { Db } from '@/lib/store/db';
import type { Clock } from '@/lib/runs/clock';
import type { Recorder } from '@/lib/timeline/recorder';
import { keyInventory, rotateSigningKeys } from './keys';

const short = (kid: string) => `${kid.slice(0, 8)}…`;

/**
 * Rotates the signing keys for the sandbox's run controls: new current keys;
 * the old ones stop signing and stay in the JWKS until the last token they
 * signed has expired, so no live token is invalidated, however many
 * rotations follow. Records `signing_key.rotated` (on the caller's run, if it
 * names one; keys are shared by all runs) saying which kids are current, which
 * stopped signing, and until when each earlier key stays published.
 * Checks nothing about the caller (the route decides who may rotate).
 * Resource servers find the new keys in the JWKS by their `kid`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2 (jwks_uri)
 * @see https://www.rfc-editor.org/rfc/rfc7517#section-5 (a JWK Set holds several keys)
 */
export async function rotateKeysStep(deps: { db: Db; recorder: Recorder }, wallClock: Clock) {
  const rotated = await rotateSigningKeys(deps.db, wallClock);
  const inventory = keyInventory(deps.db, wallClock);
  const until = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  const kept = inventory.previous.map((k) => `${short(k.kid)} (${k.alg}) until ${until(k.publishedUntil)}`);
  deps.recorder.record({
    from: 'auth-server',
    to: 'auth-server',
    type: 'signing_key.rotated',
    summary:
      `Signing keys rotated: access tokens now signed with kid ${short(rotated.accessTokenKid)}, ID tokens with kid ${short(rotated.idTokenKid)}. ` +
      (kept.length > 0
        ? `Earlier keys stay in the JWKS until their last token expires: ${kept.join(', ')}.`
        : 'No earlier key has a live token: none stays in the JWKS.'),
    outcome: 'info',
    data: {
      accessTokenKid: rotated.accessTokenKid,
      idTokenKid: rotated.idTokenKid,
      stopped_signing: rotated.retiredKids,
      current: inventory.current,
      previous: inventory.previous.map((k) => ({ kid: k.kid, alg: k.alg, retired_at: k.retiredAt, published_until: k.publishedUntil })),
    },
  });
  return { accessTokenKid: rotated.accessTokenKid, idTokenKid: rotated.idTokenKid };
}
