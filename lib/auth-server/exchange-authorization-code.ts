import 'server-only';
import { consumeAuthorizationCode, findAuthorizationCode, type AuthorizationCodeRow } from '@/lib/store/authorization-codes';
import { findGrant, revokeGrant } from '@/lib/store/grants';
import { invalidGrant, invalidRequest } from '@/lib/oauth/errors';
import { isValidCodeVerifier, verifyS256 } from '@/lib/oauth/pkce';
import { parseScope } from '@/lib/oauth/scopes';
import type { AuthServerDeps } from './deps';
import { checkResource, persistOnce, type GrantStepInput, type GrantStepResult } from './grant-context';
import { prepareTokenSet } from './token-issuance';
import { tokenHash } from './token-hash';

function replayed(row: AuthorizationCodeRow, now: number, deps: AuthServerDeps): never {
  // RFC 6749 §4.1.2 (SHOULD revoke), §10.5; RFC 9700 §4.2.4: a replayed code
  // may be an attacker's; revoke everything issued from it.
  revokeGrant(deps.db, row.grantId, now);
  deps.recorder.record({
    from: 'client',
    to: 'auth-server',
    type: 'authorization_code.replayed',
    summary: `Authorization code used twice by ${row.clientId}: the grant and every token issued from it are revoked`,
    outcome: 'denied',
    data: { client_id: row.clientId, grant_id: row.grantId },
  });
  throw invalidGrant('the authorization code was already used; the tokens issued from it are revoked');
}

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
 * Does not authenticate the client (the token endpoint did).
 * Records `token.issued`, or `authorization_code.replayed`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
 */
export async function exchangeAuthorizationCode(input: GrantStepInput, deps: AuthServerDeps): Promise<GrantStepResult> {
  const { client, form } = input;
  const code = form.require('code');
  const redirectUri = form.get('redirect_uri');
  const verifier = form.get('code_verifier');

  const row = findAuthorizationCode(deps.db, tokenHash(code));
  if (!row) throw invalidGrant('unknown authorization code');
  deps.recorder.useRun(row.runId);
  const { settings, clock } = deps.openRun(row.runId);
  const now = clock();

  if (row.clientId !== client.client_id) throw invalidGrant('the authorization code was issued to another client');
  if (row.consumedAt !== null) replayed(row, now, deps);
  if (now >= row.expiresAt) throw invalidGrant('the authorization code has expired');
  if (redirectUri === undefined && row.redirectUriInRequest) {
    throw invalidRequest('redirect_uri is required: the authorization request included it');
  }
  if (redirectUri !== undefined && redirectUri !== row.redirectUri) {
    throw invalidGrant('redirect_uri does not match the one in the authorization request');
  }
  if (verifier === undefined) throw invalidGrant('code_verifier is required: the authorization request had a code_challenge');
  if (!isValidCodeVerifier(verifier)) {
    throw invalidRequest('code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 section 4.1)');
  }
  if (!verifyS256(verifier, row.codeChallenge)) throw invalidGrant('code_verifier does not match the code_challenge');

  const grant = findGrant(deps.db, row.grantId);
  if (!grant || grant.revokedAt !== null) throw invalidGrant('the grant was revoked');
  const audience = checkResource(form, grant.resource);
  const scopes = parseScope(grant.scope) ?? [];

  const set = await prepareTokenSet(
    {
      runId: row.runId,
      clientId: client.client_id,
      userId: grant.userId,
      grantId: grant.id,
      scope: grant.scope,
      audience,
      refreshScope: scopes.includes('offline_access') && client.grant_types.includes('refresh_token') ? grant.scope : null,
      idToken: scopes.includes('openid') ? { authTime: grant.authTime, nonce: grant.nonce } : null,
      settings,
      now,
    },
    deps,
  );

  persistOnce(deps.db, () => consumeAuthorizationCode(deps.db, row.codeHash, now), set, () => replayed(row, now, deps));

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
