import 'server-only';
import { findGrant } from '@/lib/store/grants';
import { invalidRequest } from '@/lib/oauth/errors';
import type { Params } from '@/lib/oauth/params';
import { RESOURCE_SERVER_CLIENT_ID, type RegisteredClient } from './clients';
import { authenticateClient, partyOf, type ClientCredentialsInput } from './client-authentication';
import type { AuthServerDeps } from './deps';
import { inactiveReason, lookupToken, type FoundToken } from './token-lookup';

type IntrospectionResponse = { active: false } | ({ active: true } & Record<string, string | number | boolean>);

function activeResponse(found: FoundToken, deps: AuthServerDeps): IntrospectionResponse {
  if (found.kind === 'access_token') {
    const r = found.row;
    return {
      active: true,
      scope: r.scope,
      client_id: r.clientId,
      sub: r.userId ?? r.clientId,
      aud: r.audience,
      iss: deps.issuer,
      exp: r.expiresAt,
      iat: r.issuedAt,
      jti: r.jti,
      // RFC 7662 §2.2: the type as in RFC 6749 §5.1.
      token_type: 'Bearer',
      sandbox_run: r.runId,
    };
  }
  const r = found.row;
  const grant = findGrant(deps.db, r.grantId);
  return {
    active: true,
    scope: r.scope,
    client_id: r.clientId,
    // Stryker disable next-line OptionalChaining: equivalent, a refresh token always has its grant (only client_credentials tokens have none, and no refresh token)
    sub: grant?.userId ?? r.clientId,
    iss: deps.issuer,
    exp: r.expiresAt,
    iat: r.issuedAt,
    // Not an access token: a resource server must not accept it as one.
    token_type: 'refresh_token',
    sandbox_run: r.runId,
  };
}

/**
 * Token introspection (RFC 7662 §2): answers whether `token` is active and,
 * if so, its scope, client, subject, audience, times, `jti` and the run.
 * Unknown, expired (by the token's run clock), revoked, rotated, or another
 * client's tokens get exactly `{"active":false}` (§2.2: nothing more).
 * The hint only orders the search (I4).
 *
 * Does not authenticate the caller (the route does, before calling this).
 * Records `introspection.answered`, with the reason when inactive.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2
 */
export async function introspect(input: { client: RegisteredClient; form: Params }, deps: AuthServerDeps): Promise<IntrospectionResponse> {
  const token = input.form.get('token');
  if (token === undefined) throw invalidRequest('token is required');
  const hint = input.form.get('token_type_hint');
  const found = await lookupToken(deps, token, hint);

  let reason: string | undefined;
  if (!found) reason = 'unknown token';
  // RFC 7662 §4: the AS decides who may see what. Only the resource server may introspect
  // every token; any other client may introspect only its own, another's is simply not active (I2).
  else if (input.client.client_id !== RESOURCE_SERVER_CLIENT_ID && found.row.clientId !== input.client.client_id) {
    reason = 'issued to another client';
  } else reason = inactiveReason(deps, found);
  // The token's run hears of it only when the caller may see the token; a foreign client's probe stays on the caller's own run.
  if (found && reason !== 'issued to another client') deps.recorder.useRun(found.row.runId);
  const response: IntrospectionResponse = reason || !found ? { active: false } : activeResponse(found, deps);

  deps.recorder.record({
    from: partyOf(input.client.client_id),
    to: 'auth-server',
    type: 'introspection.answered',
    summary: response.active
      ? `Introspection: the ${found!.kind.replace('_', ' ')} is active (${String(response.scope)})`
      : `Introspection: not active (${reason})`,
    outcome: response.active ? 'ok' : 'denied',
    data: { active: response.active, ...(reason ? { reason } : {}), ...(hint ? { token_type_hint: hint } : {}), kind: found?.kind },
  });
  return response;
}

/** RFC 7662 §2.1: what an introspection request takes besides client authentication. */
const INTROSPECTION_PARAMETERS = ['token', 'token_type_hint'] as const;

/**
 * The introspection endpoint as a pipeline: any parameter sent twice is
 * invalid_request (RFC 6749 §3.1), before anything else; then the caller
 * authenticates (§2.1: a public client cannot); then {@link introspect},
 * handed only `token` and `token_type_hint`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.1
 */
export async function introspectionEndpoint(input: ClientCredentialsInput, deps: AuthServerDeps): Promise<IntrospectionResponse> {
  input.form.rejectRepeats();
  // Stryker disable next-line ObjectLiteral: equivalent, an options object without allowPublic refuses a public client as allowPublic: false does
  const { client } = authenticateClient(input, deps, { allowPublic: false });
  return introspect({ client, form: input.form.only(INTROSPECTION_PARAMETERS) }, deps);
}
