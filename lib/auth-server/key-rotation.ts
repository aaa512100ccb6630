import 'server-only';
import type { Db } from '@/lib/store/db';
import type { Clock } from '@/lib/timeline/clock';
import type { Recorder } from '@/lib/timeline/recorder';
import { rotateSigningKeys } from './keys';

/**
 * Rotates the signing keys for the sandbox's run controls: new current keys,
 * the old ones kept in the JWKS as previous. Records `signing_key.rotated`
 * (on the caller's run, if it names one; keys are shared by all runs).
 * Checks nothing: anyone with the sandbox open may rotate. Resource servers
 * find the new keys in the JWKS by their `kid`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2 (jwks_uri)
 */
export async function rotateKeysStep(deps: { db: Db; recorder: Recorder }, clock: Clock) {
  const kids = await rotateSigningKeys(deps.db, clock);
  deps.recorder.record({
    from: 'auth-server',
    to: 'auth-server',
    type: 'signing_key.rotated',
    summary: `Signing keys rotated: access tokens now use kid ${kids.accessTokenKid.slice(0, 8)}…, ID tokens kid ${kids.idTokenKid.slice(0, 8)}…`,
    outcome: 'info',
    data: kids,
  });
  return kids;
}
