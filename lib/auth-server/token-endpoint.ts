import 'server-only';
import { isOAuthError, unauthorizedClient, unsupportedGrantType, invalidRequest } from '@/lib/oauth/errors';
import type { GrantType } from './clients';
import { authenticateClient, type ClientCredentialsInput } from './client-authentication';
import { clientCredentials } from './client-credentials';
import type { AuthServerDeps } from './deps';
import { exchangeAuthorizationCode } from './exchange-authorization-code';
import type { GrantStepInput, GrantStepResult } from './grant-context';
import { refresh } from './refresh';

/**
 * Each grant and the parameters it takes besides client authentication
 * (`client_id`, `client_secret`) and `grant_type`, as node-oidc-provider's
 * token action declares them. A grant is handed only these: a parameter it
 * does not take is ignored, never half-read.
 */
type GrantHandler = (step: GrantStepInput, deps: AuthServerDeps, request: TokenRequestInput) => Promise<GrantStepResult>;
const GRANTS: Record<GrantType, { parameters: readonly string[]; handle: GrantHandler }> = {
  // RFC 6749 §4.1.3, RFC 7636 §4.5, RFC 8707 §2
  authorization_code: { parameters: ['code', 'redirect_uri', 'code_verifier', 'resource'], handle: exchangeAuthorizationCode },
  // RFC 6749 §6, RFC 8707 §2
  refresh_token: { parameters: ['refresh_token', 'scope', 'resource'], handle: refresh },
  // RFC 6749 §4.4.2, RFC 8707 §2
  client_credentials: {
    parameters: ['scope', 'resource'],
    // A registered client's tokens belong to the run that registered it (RFC 7591).
    handle: (step, deps, request) => clientCredentials({ ...step, runId: step.client.run_id ?? request.runIdForNewTokens }, deps),
  },
};
const isGrantType = (g: string): g is GrantType => Object.hasOwn(GRANTS, g);

/** RFC 8707 §2: the one parameter that may repeat at the token endpoint. */
const REPEATABLE_TOKEN_PARAMETERS = ['resource'] as const;

interface TokenRequestInput extends ClientCredentialsInput {
  /** The run a client_credentials token belongs to: the request's, else a new one. */
  runIdForNewTokens: string;
}

/**
 * The token endpoint (RFC 6749 §3.2): authenticates the client (§2.3), then
 * dispatches on `grant_type`: missing → invalid_request; password, implicit
 * or anything else → unsupported_grant_type (RFC 9700 §2.4: no ROPC); a
 * grant type the client is not registered for → unauthorized_client.
 *
 * A pipeline: (1) any parameter sent twice, whether a grant reads it or not,
 * is invalid_request naming it (§3.2), `resource` excepted (RFC 8707 §2);
 * (2) client authentication; (3) grant_type; (4) the grant, handed only the
 * parameters it declares (GRANTS). Errors leave as OAuthError, for the one
 * serializer of the route (jsonErrorResponse).
 *
 * Does not check the HTTP method or content type (the route does).
 * Records `client_authentication.succeeded`, the grant's events, and
 * `token_request.rejected` for any error.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5
 */
export async function tokenEndpoint(input: TokenRequestInput, deps: AuthServerDeps): Promise<GrantStepResult> {
  try {
    input.form.rejectRepeats(REPEATABLE_TOKEN_PARAMETERS);
    const { client } = authenticateClient(input, deps, { allowPublic: true });
    const grantType = input.form.get('grant_type');
    if (grantType === undefined) throw invalidRequest('grant_type is required');
    if (!isGrantType(grantType)) throw unsupportedGrantType(`grant_type ${grantType} is not supported`);
    if (!client.grant_types.includes(grantType)) {
      throw unauthorizedClient(`${client.client_id} is not registered for the ${grantType} grant`);
    }
    const grant = GRANTS[grantType];
    return await grant.handle({ client, form: input.form.only(grant.parameters) }, deps, input);
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
