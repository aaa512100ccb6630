import 'server-only';
import { findGrant, revokeGrant } from '@/lib/store/grants';
import { findRefreshToken, rotateRefreshToken, type RefreshTokenRow } from '@/lib/store/refresh-tokens';
import { invalidGrant, invalidScope } from '@/lib/oauth/errors';
import { formatScope, isSubset, parseScope } from '@/lib/oauth/scopes';
import type { AuthServerDeps } from './deps';
import { checkResource, persistOnce, type GrantStepInput, type GrantStepResult } from './grant-context';
import { prepareTokenSet } from './token-issuance';
import { tokenHash } from './token-hash';

function replayed(row: RefreshTokenRow, now: number, deps: AuthServerDeps): never {
  // RFC 9700 §4.14.2: a rotated refresh token used again means two parties hold it;
  // the AS cannot tell which is legitimate, so the whole grant is revoked (B2).
  revokeGrant(deps.db, row.grantId, now);
  deps.recorder.record({
    from: 'client',
    to: 'auth-server',
    type: 'refresh_token.replayed',
    summary: `A rotated refresh token of ${row.clientId} was used again: the whole grant is revoked`,
    outcome: 'denied',
    data: { client_id: row.clientId, grant_id: row.grantId },
  });
  throw invalidGrant('the refresh token was already used; the grant is revoked');
}

/**
 * The refresh token grant (RFC 6749 §6) with rotation on every use (RFC
 * 9700 §4.14.2): the token must exist, belong to the authenticated client,
 * be live by the run's clock; the old token is marked rotated and a new one
 * with the grant's scope is issued. `scope` may narrow the new access
 * token's scope, never widen it (invalid_scope). Presenting a rotated token
 * again revokes the grant: its access tokens and its newest refresh token.
 * No new ID token is issued on refresh.
 *
 * Does not authenticate the client (the token endpoint did).
 * Records `token.refreshed`, or `refresh_token.replayed`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
export async function refresh(input: GrantStepInput, deps: AuthServerDeps): Promise<GrantStepResult> {
  const { client, form } = input;
  const raw = form.require('refresh_token');
  const requested = form.get('scope');

  const row = findRefreshToken(deps.db, tokenHash(raw));
  if (!row) throw invalidGrant('unknown refresh token');
  deps.recorder.useRun(row.runId);
  const { settings, clock } = deps.openRun(row.runId);
  const now = clock();

  if (row.clientId !== client.client_id) throw invalidGrant('the refresh token was issued to another client');
  if (row.rotatedAt !== null) replayed(row, now, deps);
  if (row.revokedAt !== null) throw invalidGrant('the refresh token was revoked');
  if (now >= row.expiresAt) throw invalidGrant('the refresh token has expired');
  const grant = findGrant(deps.db, row.grantId);
  if (!grant || grant.revokedAt !== null) throw invalidGrant('the grant was revoked');

  let scope = row.scope;
  if (requested !== undefined) {
    const asked = parseScope(requested);
    if (asked === null) throw invalidScope('scope contains characters that RFC 6749 section 3.3 does not allow');
    // RFC 6749 §6: "MUST NOT include any scope not originally granted".
    if (!isSubset(asked, parseScope(row.scope) ?? [])) throw invalidScope('the requested scope is wider than the scope of the grant');
    if (asked.length > 0) scope = formatScope(asked);
  }
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

  persistOnce(deps.db, () => rotateRefreshToken(deps.db, row.tokenHash, now), set, () => replayed(row, now, deps));

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
