import 'server-only';
import { isOAuthError, unauthorizedClient, unsupportedGrantType, invalidRequest } from '@/lib/oauth/errors';
import type { GrantType } from './clients';
import { authenticateClient, type ClientCredentialsInput } from './client-authentication';
import { clientCredentials } from './client-credentials';
import type { AuthServerDeps } from './deps';
import { exchangeAuthorizationCode } from './exchange-authorization-code';
import type { GrantStepResult } from './grant-context';
import { refresh } from './refresh';

const GRANT_TYPES: readonly GrantType[] = ['authorization_code', 'refresh_token', 'client_credentials'];
const isGrantType = (g: string): g is GrantType => (GRANT_TYPES as readonly string[]).includes(g);

export interface TokenRequestInput extends ClientCredentialsInput {
  /** The run a client_credentials token belongs to: the request's, else a new one. */
  runIdForNewTokens: string;
}

/**
 * The token endpoint (RFC 6749 §3.2): authenticates the client (§2.3), then
 * dispatches on `grant_type`: missing → invalid_request; password, implicit
 * or anything else → unsupported_grant_type (RFC 9700 §2.4: no ROPC); a
 * grant type the client is not registered for → unauthorized_client.
 * Repeated parameters are invalid_request (§3.2, via Params).
 *
 * Does not check the HTTP method or content type (the route does).
 * Records `client.authenticated`, the grant's events, and
 * `token_request.rejected` for any error.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5
 */
export async function tokenEndpoint(input: TokenRequestInput, deps: AuthServerDeps): Promise<GrantStepResult> {
  try {
    const { client } = authenticateClient(input, deps, { allowPublic: true });
    const grantType = input.form.get('grant_type');
    if (grantType === undefined) throw invalidRequest('grant_type is required');
    if (!isGrantType(grantType)) throw unsupportedGrantType(`grant_type ${grantType} is not supported`);
    if (!client.grant_types.includes(grantType)) {
      throw unauthorizedClient(`${client.client_id} is not registered for the ${grantType} grant`);
    }
    const step = { client, form: input.form };
    switch (grantType) {
      case 'authorization_code':
        return await exchangeAuthorizationCode(step, deps);
      case 'refresh_token':
        return await refresh(step, deps);
      case 'client_credentials':
        // A registered client's tokens belong to the run that registered it.
        return await clientCredentials({ ...step, runId: client.run_id ?? input.runIdForNewTokens }, deps);
    }
  } catch (e) {
    if (isOAuthError(e)) {
      deps.recorder.record({
        from: 'client',
        to: 'auth-server',
        type: 'token_request.rejected',
        summary: `Token request rejected: ${e.code} (${e.description})`,
        outcome: e.code === 'server_error' ? 'error' : 'denied',
        data: { error: e.code, error_description: e.description },
      });
    }
    throw e;
  }
}
