import 'server-only';
import { invalidTarget } from '@/lib/oauth/errors';
import type { Db } from '@/lib/store/db';
import type { Params } from '@/lib/oauth/params';
import type { AuthenticatedClient } from './client-authentication';
import type { TokenResponseBody } from './token-issuance';

/**
 * What each grant step of the token endpoint receives: the client that
 * authenticated on this request (branded: only authenticateClient makes
 * one) and the form, cut down to the parameters the grant declares.
 */
export interface GrantStepInput {
  client: AuthenticatedClient;
  form: Params;
}

/** What a grant step answers: the token response body (RFC 6749 §5.1); its events are on the recorder. */
export interface GrantStepResult {
  body: TokenResponseBody;
}

/** Thrown inside the transaction when a concurrent request consumed the code or rotated the token first. */
class LostRace extends Error {}

/**
 * Stores the new tokens in the same transaction that marks the code or
 * refresh token used, so that of concurrent redemptions exactly one wins;
 * the losers are treated as a replay (`onReplay` throws).
 */
export function persistOnce(db: Db, markUsed: () => boolean, set: { persist(): void }, onReplay: () => never): void {
  try {
    db.transaction(() => {
      if (!markUsed()) throw new LostRace();
      set.persist();
    })();
  } catch (e) {
    if (e instanceof LostRace) onReplay();
    throw e;
  }
}

/**
 * RFC 8707 §2: `resource` may be sent several times; each value must be an
 * absolute URI without a fragment (else invalid_target), and §2.2: within
 * what the grant is for (else invalid_target naming it). Returns the token's
 * audience. The sandbox grants one resource (its one resource server), so
 * repeats of it collapse and `aud` is that one string, never a list of
 * several resources (RFC 9068 §3 keeps an access token for one audience
 * unless the resources are meant to share it, which is never the case here).
 */
export function checkResource(form: Params, granted: string): string {
  for (const resource of form.all('resource')) {
    if (resource.includes('#')) throw invalidTarget('resource must not contain a fragment (RFC 8707 section 2)');
    if (!URL.canParse(resource)) throw invalidTarget('resource must be an absolute URI (RFC 8707 section 2)');
    if (resource !== granted) throw invalidTarget(`resource ${resource} was not granted: tokens here are for ${granted}`);
  }
  return granted;
}
