import 'server-only';
import { findGrant } from '@/lib/store/grants';
import { findRefreshToken, rotateRefreshToken, type RefreshTokenRow } from '@/lib/store/refresh-tokens';
import type { AuthServerDeps } from './deps';
import { checkGrantLive, checkRefreshTokenLive, refreshedScope } from './grant-checks';
import { openGrant, replayed, type Redeemable } from './grant-common';
import { checkResource, persistOnce, type GrantStepInput, type GrantStepResult } from './grant-context';
import { prepareTokenSet } from './token-issuance';
import { tokenHash } from './token-hash';

/** RFC 9700 §4.14.2: a rotated refresh token used again means two parties hold it; the whole grant is revoked (B2). */
const REFRESH_TOKEN: Redeemable<RefreshTokenRow> = {
  name: 'refresh token',
  used: (row) => row.rotatedAt !== null,
  replay: {
    type: 'refresh_token.replayed',
    summary: (row) => `A rotated refresh token of ${row.clientId} was used again: the whole grant is revoked`,
    description: 'the refresh token was already used; the grant is revoked',
  },
};

/**
 * The refresh token grant (RFC 6749 §6) with rotation on every use (RFC
 * 9700 §4.14.2): the token must exist, belong to the authenticated client,
 * be live by the run's clock; the old token is marked rotated and a new one
 * with the grant's scope is issued. `scope` may narrow the new access
 * token's scope, never widen it (invalid_scope). Presenting a rotated token
 * again revokes the grant: its access tokens and its newest refresh token.
 * No new ID token is issued on refresh.
 *
 * The opening is grant-common's openGrant, the checks grant-checks'
 * checkRefreshTokenLive and refreshedScope (pure); this step does the I/O.
 * Does not authenticate the client (the token endpoint did).
 * Records `token.refreshed`, or `refresh_token.replayed`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
export async function refresh(input: GrantStepInput, deps: AuthServerDeps): Promise<GrantStepResult> {
  const { client, form } = input;
  const raw = form.require('refresh_token');
  const { row, settings, now } = openGrant(findRefreshToken(deps.db, tokenHash(raw)), client, REFRESH_TOKEN, deps);
  checkRefreshTokenLive(row, now);
  const grant = findGrant(deps.db, row.grantId);
  checkGrantLive(grant);
  const scope = refreshedScope(row.scope, form.get('scope'));
  const audience = checkResource(form, grant.resource);

  const set = await prepareTokenSet(
    {
      runId: row.runId,
      clientId: client.client_id,
      userId: grant.userId,
      grantId: grant.id,
      scope,
      audience,
      // §6: the new refresh token keeps the scope of the one it replaces.
      refreshScope: row.scope,
      idToken: null,
      settings,
      now,
    },
    deps,
  );

  persistOnce(deps.db, () => rotateRefreshToken(deps.db, row.tokenHash, now), set, () => replayed(row, now, REFRESH_TOKEN, deps));

  deps.recorder.record({
    from: 'client',
    to: 'auth-server',
    type: 'token.refreshed',
    summary: `Refresh token rotated: new tokens issued to ${client.client_id} (${scope})`,
    outcome: 'ok',
    tokens: set.tokens,
    data: { grant_type: 'refresh_token', client_id: client.client_id, scope, signed_with: set.signedWith },
  });
  return { body: set.body };
}
