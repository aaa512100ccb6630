import 'server-only';
import { consumeAuthorizationCode, findAuthorizationCode, type AuthorizationCodeRow } from '@/lib/store/authorization-codes';
import { findGrant } from '@/lib/store/grants';
import type { AuthServerDeps } from './deps';
import { checkCodeRedemption, checkGrantLive, tokensForCode } from './grant-checks';
import { openGrant, replayed, type Redeemable } from './grant-common';
import { checkResource, persistOnce, type GrantStepInput, type GrantStepResult } from './grant-context';
import { prepareTokenSet } from './token-issuance';
import { tokenHash } from './token-hash';

/** RFC 6749 §4.1.2 (SHOULD revoke), §10.5; RFC 9700 §4.2.4: a replayed code may be an attacker's; revoke everything issued from it. */
const AUTHORIZATION_CODE: Redeemable<AuthorizationCodeRow> = {
  name: 'authorization code',
  // Stryker disable next-line ConditionalExpression: equivalent in outcome, the atomic consume (persistOnce) catches a replayed code too; this check spares the signing
  used: (row) => row.consumedAt !== null,
  replay: {
    type: 'authorization_code.replayed',
    summary: (row) => `Authorization code used twice by ${row.clientId}: the grant and every token issued from it are revoked`,
    description: 'the authorization code was already used; the tokens issued from it are revoked',
  },
};

/**
 * The authorization code grant at the token endpoint (RFC 6749 §4.1.3):
 * the code must exist, belong to the authenticated client, not be expired
 * (60 s, by the run's clock) and not be used; `redirect_uri` must be sent if
 * the authorization request had it (else invalid_request) and be equal
 * (else invalid_grant); the PKCE verifier must be present and match (RFC
 * 7636 §4.6: invalid_grant; a malformed verifier is invalid_request).
 * The code is consumed atomically together with storing the tokens, so of
 * concurrent redemptions exactly one succeeds. A second redemption revokes
 * the grant (T12). A refresh token is issued when `offline_access` was
 * granted (OpenID Connect Core §11) and the client may refresh; an ID token
 * when `openid` was granted.
 *
 * The opening is grant-common's openGrant, the checks grant-checks'
 * checkCodeRedemption and tokensForCode (pure); this step does the I/O.
 * Does not authenticate the client (the token endpoint did).
 * Records `token.issued`, or `authorization_code.replayed`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
 */
export async function exchangeAuthorizationCode(input: GrantStepInput, deps: AuthServerDeps): Promise<GrantStepResult> {
  const { client, form } = input;
  const code = form.require('code');
  const { row, settings, now } = openGrant(findAuthorizationCode(deps.db, tokenHash(code)), client, AUTHORIZATION_CODE, deps);
  checkCodeRedemption(row, { redirectUri: form.get('redirect_uri'), codeVerifier: form.get('code_verifier') }, now);

  const grant = findGrant(deps.db, row.grantId);
  checkGrantLive(grant);
  const audience = checkResource(form, grant.resource);

  const set = await prepareTokenSet(
    {
      runId: row.runId,
      clientId: client.client_id,
      userId: grant.userId,
      grantId: grant.id,
      scope: grant.scope,
      audience,
      ...tokensForCode(grant, client.grant_types),
      settings,
      now,
    },
    deps,
  );

  persistOnce(deps.db, () => consumeAuthorizationCode(deps.db, row.codeHash, now), set, () => replayed(row, now, AUTHORIZATION_CODE, deps));

  deps.recorder.record({
    from: 'client',
    to: 'auth-server',
    type: 'token.issued',
    summary: `Code exchanged: tokens for ${grant.userId ?? client.client_id} issued to ${client.client_id} (${grant.scope})`,
    outcome: 'ok',
    tokens: set.tokens,
    data: {
      grant_type: 'authorization_code',
      client_id: client.client_id,
      scope: grant.scope,
      refresh_token: set.body.refresh_token !== undefined,
      id_token: set.body.id_token !== undefined,
      signed_with: set.signedWith,
    },
  });
  return { body: set.body };
}
