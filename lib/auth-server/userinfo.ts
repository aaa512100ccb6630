import 'server-only';
import { isCredentialsList } from '@/lib/oauth/authorization-header';
import { bearerErrorResponse } from '@/lib/oauth/error-responses';
import { insufficientScope, invalidRequest, invalidToken, type OAuthError } from '@/lib/oauth/errors';
import { isFormContentType, Params } from '@/lib/oauth/params';
import { parseScope } from '@/lib/oauth/scopes';
import { findAccessToken } from './access-tokens';
import type { AuthServerDeps } from './deps';
import { inactiveReason } from './token-lookup';
import { findUser } from './users';

interface BearerInput {
  authorization: string | null;
  method: string;
  contentType: string | null;
  /** The body, read only for a form POST (RFC 6750 §2.2). */
  body: () => Promise<string>;
  query: URLSearchParams;
}

/**
 * RFC 6750 §2: the access token from `Authorization: Bearer`, or from a form
 * POST body (§2.2). Never from the query (§2.3 SHOULD NOT: refused here).
 * A malformed header, two Authorization headers (joined into one value by
 * the server), or the token in two places, is invalid_request.
 * Returns undefined when the request carries no token at all.
 */
export async function extractBearerToken(input: BearerInput): Promise<string | undefined> {
  if (input.query.has('access_token')) throw invalidRequest('the access token must not be sent in the query (RFC 6750 section 2.3)');
  let fromBody: string | undefined;
  if (input.method === 'POST' && isFormContentType(input.contentType)) {
    const form = Params.fromForm(await input.body());
    form.rejectRepeats(); // RFC 6749 §3.1: no parameter twice, access_token or any other
    fromBody = form.get('access_token');
  }
  const header = input.authorization?.trim();
  if (header) {
    // RFC 6750 §3.1: two Authorization headers arrive joined ("Bearer a, Bearer a"): more than one method.
    if (isCredentialsList(header)) throw invalidRequest('the request has more than one Authorization header (or a list of credentials)');
    const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header);
    if (!m) throw invalidRequest('malformed Authorization header: expected Bearer and one token');
    if (fromBody !== undefined) throw invalidRequest('the access token was sent in more than one way');
    return m[1];
  }
  return fromBody;
}

/**
 * The UserInfo endpoint (OpenID Connect Core §5.3): for an active access
 * token that carries `openid`, answers `sub`, and `name` and `role` when
 * `profile` was granted (§5.4: `profile` is the End-User's profile claims;
 * an email address is the `email` scope's, which this sandbox does not offer). An unknown, expired or revoked token is
 * invalid_token (401); a token without `openid` is insufficient_scope (403).
 * Returns null when no token was sent (the route answers a bare challenge).
 *
 * Records `userinfo.answered`.
 *
 * @see https://openid.net/specs/openid-connect-core-1_0.html#UserInfo
 */
export async function userinfo(token: string | undefined, deps: AuthServerDeps): Promise<Record<string, string> | null> {
  if (token === undefined) return null;
  const row = await findAccessToken(deps.db, token, deps.issuer);
  if (!row) throw invalidToken('the access token is not known here');
  deps.recorder.useRun(row.runId);
  // Stryker disable next-line StringLiteral: equivalent, inactiveReason reads the kind only to look for 'refresh_token'
  const reason = inactiveReason(deps, { kind: 'access_token', row });
  if (reason) throw invalidToken(`the access token is ${reason === 'expired' ? 'expired' : 'revoked'}`);
  // Stryker disable next-line ArrayDeclaration: equivalent, a stored token's scope was validated when issued (parseScope never gives null here)
  const scopes = parseScope(row.scope) ?? [];
  if (!scopes.includes('openid') || row.userId === null) throw insufficientScope('openid', 'the access token does not carry the openid scope');

  const claims: Record<string, string> = { sub: row.userId };
  const user = findUser(row.userId);
  if (user && scopes.includes('profile')) Object.assign(claims, { name: user.name, role: user.role });
  deps.recorder.record({
    from: 'client',
    to: 'auth-server',
    type: 'userinfo.answered',
    summary: `UserInfo answered for ${row.userId} to ${row.clientId}`,
    outcome: 'ok',
    data: { claims, client_id: row.clientId },
  });
  return claims;
}

/**
 * RFC 6750 §3: a UserInfo error as a Bearer challenge, with the same code in
 * a JSON body (OpenID Connect Core §5.3.3); `null`, no token at all: a
 * challenge without an error code (§3.1), and invalid_token in the body.
 */
export function userinfoErrorResponse(err: OAuthError | null): Response {
  return bearerErrorResponse(err ?? undefined, { realm: 'as', noTokenBody: invalidToken('an access token is required') });
}
