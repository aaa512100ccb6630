import 'server-only';
import { revokeAccessToken } from '@/lib/store/access-tokens';
import { revokeGrant } from '@/lib/store/grants';
import { invalidRequest, unsupportedTokenType } from '@/lib/oauth/errors';
import type { Params } from '@/lib/oauth/params';
import type { RegisteredClient } from './clients';
import { authenticateClient, type ClientCredentialsInput } from './client-authentication';
import type { AuthServerDeps } from './deps';
import { isOurIdToken, lookupToken } from './token-lookup';

/**
 * Token revocation (RFC 7009 §2): revokes an access token (JWT by jti,
 * opaque by hash) or a refresh token. Revoking a refresh token revokes its
 * grant: every access token issued from it too (R2, §2.1 SHOULD). Revoking
 * an access token leaves the refresh token alone (R3 MAY). Unknown tokens
 * and other clients' tokens change nothing and still answer 200 (R1, R4).
 * An ID token cannot be revoked: unsupported_token_type (R5, §2.2.1).
 *
 * Does not authenticate the caller (the route does).
 * Records `token.revoked`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
export async function revoke(input: { client: RegisteredClient; form: Params }, deps: AuthServerDeps): Promise<void> {
  const token = input.form.get('token');
  if (token === undefined) throw invalidRequest('token is required');
  const hint = input.form.get('token_type_hint');
  const found = await lookupToken(deps, token, hint);
  const clientId = input.client.client_id;

  let summary: string;
  let outcome: 'ok' | 'info' = 'info';
  if (!found) {
    if (await isOurIdToken(deps, token)) throw unsupportedTokenType('an ID token cannot be revoked');
    summary = `Revocation by ${clientId}: unknown token, nothing to revoke`;
  } else {
    const now = deps.openRun(found.row.runId).clock();
    // Recorded on the token's run only when its own client revokes it; another client's attempt stays on the caller's run.
    if (found.row.clientId === clientId) deps.recorder.useRun(found.row.runId);
    if (found.row.clientId !== clientId) {
      summary = `Revocation by ${clientId}: the token belongs to another client, not revoked`;
    } else if (found.kind === 'refresh_token') {
      revokeGrant(deps.db, found.row.grantId, now);
      summary = `Refresh token revoked by ${clientId}, with its grant and every access token issued from it`;
      outcome = 'ok';
    } else {
      revokeAccessToken(deps.db, found.row.jti, now);
      summary = `Access token revoked by ${clientId}`;
      outcome = 'ok';
    }
  }
  deps.recorder.record({
    from: 'client',
    to: 'auth-server',
    type: 'token.revoked',
    summary,
    outcome,
    data: { client_id: clientId, kind: found?.kind ?? 'unknown', ...(hint ? { token_type_hint: hint } : {}) },
  });
}

/** RFC 7009 §2.1: what a revocation request takes besides client authentication. */
const REVOCATION_PARAMETERS = ['token', 'token_type_hint'] as const;

/**
 * The revocation endpoint as a pipeline: any parameter sent twice is
 * invalid_request (RFC 6749 §3.1), before anything else; then client
 * authentication (a public client by its client_id, §2.1); then
 * {@link revoke}, handed only `token` and `token_type_hint`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
export async function revocationEndpoint(input: ClientCredentialsInput, deps: AuthServerDeps): Promise<void> {
  input.form.rejectRepeats();
  const { client } = authenticateClient(input, deps, { allowPublic: true });
  await revoke({ client, form: input.form.only(REVOCATION_PARAMETERS) }, deps);
}
