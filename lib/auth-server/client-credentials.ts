import 'server-only';
import { invalidScope } from '@/lib/oauth/errors';
import { formatScope, isSubset, parseScope } from '@/lib/oauth/scopes';
import type { AuthServerDeps } from './deps';
import { checkResource, type GrantStepInput, type GrantStepResult } from './grant-context';
import { prepareTokenSet } from './token-issuance';
import { allowedScopes, whatClientMayAskFor } from './scope-definitions';

/**
 * The client credentials grant (RFC 6749 §4.4): a token with no user in it,
 * `sub` = client_id (RFC 9068 §2.2). `scope` defaults to every scope the
 * client is registered for, and may not go beyond them (invalid_scope). No
 * refresh token (§4.4.3 SHOULD NOT), no ID token. The run is the one the
 * request names (X-Sandbox-Run header or cookie), else the one passed in.
 *
 * Does not authenticate the client (the token endpoint did).
 * Records `token.issued`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4
 */
export async function clientCredentials(input: GrantStepInput & { runId: string }, deps: AuthServerDeps): Promise<GrantStepResult> {
  const { client, form, runId } = input;
  const { settings, clock, scopes } = deps.openRun(runId);
  const allowed = allowedScopes(client, scopes);
  const requested = parseScope(form.get('scope'));
  if (requested === null) throw invalidScope('scope contains characters that RFC 6749 section 3.3 does not allow');
  if (!isSubset(requested, allowed)) throw invalidScope(whatClientMayAskFor(client.client_id, allowed));
  const scope = formatScope(requested.length > 0 ? requested : allowed);
  const audience = checkResource(form, deps.defaultResource);

  deps.recorder.useRun(runId, 'request');
  const set = await prepareTokenSet(
    { runId, clientId: client.client_id, userId: null, grantId: null, scope, audience, refreshScope: null, idToken: null, settings, now: clock() },
    deps,
  );
  set.persist();

  deps.recorder.record({
    from: 'client',
    to: 'auth-server',
    type: 'token.issued',
    summary: `Client credentials: a token with no user issued to ${client.client_id} (${scope})`,
    outcome: 'ok',
    tokens: set.tokens,
    data: { grant_type: 'client_credentials', client_id: client.client_id, scope, signed_with: set.signedWith },
  });
  return { body: set.body };
}
