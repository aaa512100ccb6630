import 'server-only';
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { AccessTokenRow } from '@/lib/store/access-tokens';
import { findGrant } from '@/lib/store/grants';
import { findRefreshToken, type RefreshTokenRow } from '@/lib/store/refresh-tokens';
import { findAccessToken } from './access-tokens';
import type { AuthServerDeps } from './deps';
import { RSA_KEY_ALG, verificationKeySet } from './keys';
import { tokenHash } from './token-hash';

export type FoundToken = { kind: 'access_token'; row: AccessTokenRow } | { kind: 'refresh_token'; row: RefreshTokenRow };

/**
 * Finds a presented token among everything this server issued: access
 * tokens (JWT by signature and jti, opaque by hash) and refresh tokens (by
 * hash). The hint only orders the search; a wrong hint still finds the
 * token (RFC 7009 §2.1 "MUST extend its search", RFC 7662 §2.1).
 */
export async function lookupToken(deps: AuthServerDeps, token: string, hint?: string): Promise<FoundToken | undefined> {
  const asAccess = async (): Promise<FoundToken | undefined> => {
    const row = await findAccessToken(deps.db, token, deps.issuer);
    return row && { kind: 'access_token', row };
  };
  const asRefresh = async (): Promise<FoundToken | undefined> => {
    const row = findRefreshToken(deps.db, tokenHash(token));
    return row && { kind: 'refresh_token', row };
  };
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, a token is at most one of the two kinds, so the order changes only which look-up runs first
  const order = hint === 'refresh_token' ? [asRefresh, asAccess] : [asAccess, asRefresh];
  for (const find of order) {
    const found = await find();
    if (found) return found;
  }
  return undefined;
}

/** Why a found token is not active, by the token's own run clock; undefined when it is active. */
export function inactiveReason(deps: AuthServerDeps, found: FoundToken): string | undefined {
  const { row } = found;
  if (row.revokedAt !== null) return 'revoked';
  if (found.kind === 'refresh_token' && found.row.rotatedAt !== null) return 'rotated (already used)';
  // Stryker disable next-line OptionalChaining: equivalent, a token row's grant_id references as_grants ON DELETE CASCADE, so its grant exists
  if (row.grantId !== null && findGrant(deps.db, row.grantId)?.revokedAt != null) return 'its grant was revoked';
  if (deps.openRun(row.runId).clock() >= row.expiresAt) return 'expired';
  return undefined;
}

/**
 * Whether `token` is an ID token this server signed: a JWT with typ JWT verifying with an RS256 key.
 * Anything that is not a JWS in compact form fails to decode or to verify: false.
 */
export async function isOurIdToken(deps: AuthServerDeps, token: string): Promise<boolean> {
  try {
    if (decodeProtectedHeader(token).typ !== 'JWT') return false;
    const jwks = verificationKeySet(deps.db);
    await compactVerify(token, jwks, { algorithms: [RSA_KEY_ALG] });
    return true;
  } catch {
    return false;
  }
}
