import { invalidGrant, invalidRequest, invalidScope } from '@/lib/oauth/errors';
import { isValidCodeVerifier, verifyS256 } from '@/lib/oauth/pkce';
import { formatScope, isSubset, parseScope } from '@/lib/oauth/scopes';
import type { AuthorizationCodeRow } from '@/lib/store/authorization-codes';
import type { GrantRow } from '@/lib/store/grants';
import type { RefreshTokenRow } from '@/lib/store/refresh-tokens';
import type { TokenSetInput } from './token-issuance';

/*
 * The grants' checks that need no store, no keys and no clock of their own:
 * each takes the stored row, what the request says and `now` (epoch seconds),
 * and returns a value or throws an OAuthError. The grants (I/O) call them,
 * as oauth4webapi splits building a request from processing its response.
 */

/** The name of what a grant redeems, as the error descriptions say it. */
export type RedeemableName = 'authorization code' | 'refresh token';

/** RFC 6749 §4.1.3, §6: the code or refresh token must have been issued to the client that authenticated (else invalid_grant). */
export function checkIssuedTo(row: { clientId: string }, clientId: string, name: RedeemableName): void {
  if (row.clientId !== clientId) throw invalidGrant(`the ${name} was issued to another client`);
}

/** The grant the code or refresh token belongs to must still stand (not revoked on a replay, RFC 6749 §10.5, or by hand): else invalid_grant. */
export function checkGrantLive(grant: GrantRow | undefined): asserts grant is GrantRow {
  if (!grant || grant.revokedAt !== null) throw invalidGrant('the grant was revoked');
}

/** What a token request says about the code it redeems (RFC 6749 §4.1.3, RFC 7636 §4.5); absent parameters are undefined. */
interface CodeRedemption {
  redirectUri: string | undefined;
  codeVerifier: string | undefined;
}

/**
 * RFC 6749 §4.1.3 and RFC 7636 §4.6, in this order: the code expired (its
 * `expiresAt` is epoch seconds, `now >= expiresAt` is expired) → invalid_grant;
 * `redirect_uri` missing while the authorization request had it →
 * invalid_request, different → invalid_grant; `code_verifier` missing →
 * invalid_grant, malformed (§4.1) → invalid_request, not matching the S256
 * challenge → invalid_grant.
 *
 * Does not check the client, whether the code was used, or the grant.
 */
export function checkCodeRedemption(
  code: Pick<AuthorizationCodeRow, 'expiresAt' | 'redirectUri' | 'redirectUriInRequest' | 'codeChallenge'>,
  request: CodeRedemption,
  now: number,
): void {
  if (now >= code.expiresAt) throw invalidGrant('the authorization code has expired');
  if (request.redirectUri === undefined && code.redirectUriInRequest) {
    throw invalidRequest('redirect_uri is required: the authorization request included it');
  }
  if (request.redirectUri !== undefined && request.redirectUri !== code.redirectUri) {
    throw invalidGrant('redirect_uri does not match the one in the authorization request');
  }
  const verifier = request.codeVerifier;
  if (verifier === undefined) throw invalidGrant('code_verifier is required: the authorization request had a code_challenge');
  if (!isValidCodeVerifier(verifier)) {
    throw invalidRequest('code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 section 4.1)');
  }
  if (!verifyS256(verifier, code.codeChallenge)) throw invalidGrant('code_verifier does not match the code_challenge');
}

/**
 * Which tokens a redeemed code brings besides the access token: a refresh
 * token with the grant's scope when `offline_access` was granted (OpenID
 * Connect Core §11) and the client is registered for the refresh_token
 * grant; an ID token when `openid` was granted (OpenID Connect Core §3.1.3.3).
 */
export function tokensForCode(
  grant: Pick<GrantRow, 'scope' | 'authTime' | 'nonce'>,
  clientGrantTypes: readonly string[],
): Pick<TokenSetInput, 'refreshScope' | 'idToken'> {
  // Stryker disable next-line ArrayDeclaration: equivalent, a stored grant's scope was validated when granted (parseScope never gives null here)
  const scopes = parseScope(grant.scope) ?? [];
  return {
    refreshScope: scopes.includes('offline_access') && clientGrantTypes.includes('refresh_token') ? grant.scope : null,
    idToken: scopes.includes('openid') ? { authTime: grant.authTime, nonce: grant.nonce } : null,
  };
}

/**
 * A refresh token that was not rotated must also be neither revoked (RFC
 * 7009) nor expired (`now >= expiresAt`, epoch seconds): else invalid_grant
 * (RFC 6749 §5.2). Does not check the client or rotation (the opening does).
 */
export function checkRefreshTokenLive(row: Pick<RefreshTokenRow, 'revokedAt' | 'expiresAt'>, now: number): void {
  if (row.revokedAt !== null) throw invalidGrant('the refresh token was revoked');
  if (now >= row.expiresAt) throw invalidGrant('the refresh token has expired');
}

/**
 * RFC 6749 §6: the scope of the new access token. None requested (absent,
 * or empty) → the refresh token's own scope; else the requested scope,
 * which "MUST NOT include any scope not originally granted" → invalid_scope,
 * as is a scope with characters §3.3 does not allow. Scopes are
 * space-delimited strings.
 */
export function refreshedScope(granted: string, requested: string | undefined): string {
  // Stryker disable next-line ConditionalExpression: equivalent, parseScope(undefined) is [] and an empty request gives the granted scope below
  if (requested === undefined) return granted;
  const asked = parseScope(requested);
  if (asked === null) throw invalidScope('scope contains characters that RFC 6749 section 3.3 does not allow');
  // Stryker disable next-line ArrayDeclaration: unreachable, the granted scope was validated when granted (parseScope never gives null here)
  if (!isSubset(asked, parseScope(granted) ?? [])) throw invalidScope('the requested scope is wider than the scope of the grant');
  return asked.length > 0 ? formatScope(asked) : granted;
}
