import 'server-only';
import { invalidTarget } from '@/lib/oauth/errors';
import type { Db } from '@/lib/store/db';
import type { Params } from '@/lib/oauth/params';
import type { TokenView } from '@/lib/timeline/events';
import type { RegisteredClient } from './clients';
import type { TokenResponseBody } from './token-issuance';

/** What each grant step of the token endpoint receives: the authenticated client and the form. */
export interface GrantStepInput {
  client: RegisteredClient;
  form: Params;
}

export interface GrantStepResult {
  body: TokenResponseBody;
  runId: string;
  tokens: TokenView[];
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
 * RFC 8707 §2: an optional `resource` must be an absolute URI without a
 * fragment (else invalid_target), and here it must be the one resource the
 * grant is for: the sandbox has one resource server.
 */
export function checkResource(form: Params, allowed: string): string {
  const resource = form.get('resource');
  if (resource === undefined) return allowed;
  if (resource.includes('#')) throw invalidTarget('resource must not contain a fragment (RFC 8707 section 2)');
  if (!URL.canParse(resource)) throw invalidTarget('resource must be an absolute URI (RFC 8707 section 2)');
  if (resource !== allowed) throw invalidTarget(`unknown resource: tokens here are for ${allowed}`);
  return resource;
}
