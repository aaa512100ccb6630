import 'server-only';
import { compactVerify, decodeJwt, SignJWT } from 'jose';
import type { Db } from '@/lib/store/db';
import {
  findAccessTokenByHash,
  findAccessTokenByJti,
  type AccessTokenRow,
} from '@/lib/store/access-tokens';
import { ACCESS_TOKEN_ALGORITHMS, currentSigningKey, verificationKeySet, type SigningAlg } from './keys';
import { randomToken, tokenHash } from './token-hash';

/** RFC 9068 §2.1: the media type of a JWT access token, in the `typ` header. */
const AT_JWT_TYP = 'at+jwt';

interface AccessTokenInput {
  runId: string;
  clientId: string;
  /** The resource owner; null for client_credentials, where `sub` is the client_id (RFC 9068 §2.2). */
  userId: string | null;
  scope: string;
  /** RFC 8707 / RFC 9068 §3: the resource the token is meant for. */
  audience: string;
  grantId: string | null;
  format: 'jwt' | 'opaque';
  /** The signature algorithm of a JWT (RFC 9068 §2.1); unused for opaque tokens. */
  alg: SigningAlg;
  ttl: number;
}

export interface PreparedAccessToken {
  token: string;
  /** The row to store when the token is handed out (`as_access_tokens`, by jti). */
  row: Omit<AccessTokenRow, 'revokedAt'>;
}

/**
 * Makes an access token, not yet stored: a JWT per RFC 9068 (signed with
 * the current key for `input.alg`, ES256 or RS256, whose `kid` it names;
 * `typ: at+jwt`, claims `iss sub aud client_id iat exp jti scope` and the
 * private claim `sandbox_run` that lets the resource server find the run),
 * or an opaque random string stored only by its hash. Either way the row
 * carries a `jti` so the token can be introspected and revoked.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-2
 */
export async function prepareAccessToken(
  input: AccessTokenInput,
  ctx: { db: Db; issuer: string; now: number },
): Promise<PreparedAccessToken> {
  const jti = randomToken(16);
  const exp = ctx.now + input.ttl;
  const sub = input.userId ?? input.clientId;
  let token: string;
  if (input.format === 'jwt') {
    const key = await currentSigningKey(ctx.db, input.alg, () => ctx.now, input.ttl);
    token = await new SignJWT({ client_id: input.clientId, scope: input.scope, sandbox_run: input.runId })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: AT_JWT_TYP })
      .setIssuer(ctx.issuer)
      .setSubject(sub)
      .setAudience(input.audience)
      .setIssuedAt(ctx.now)
      .setExpirationTime(exp)
      .setJti(jti)
      .sign(key.privateKey);
  } else {
    token = randomToken();
  }
  return {
    token,
    row: {
      jti,
      tokenHash: input.format === 'opaque' ? tokenHash(token) : null,
      grantId: input.grantId,
      runId: input.runId,
      clientId: input.clientId,
      userId: input.userId,
      scope: input.scope,
      audience: input.audience,
      format: input.format,
      issuedAt: ctx.now,
      expiresAt: exp,
    },
  };
}

/**
 * Finds the stored row of a presented access token: a JWT whose signature
 * verifies with one of the published keys (ES256 or RS256, each key only
 * with its own `alg`), `typ` at+jwt and our `iss`,
 * found by `jti`; otherwise an opaque token found by its hash. Does not
 * check expiry or revocation (the caller does, with the run's clock).
 */
export async function findAccessToken(db: Db, token: string, issuer: string): Promise<AccessTokenRow | undefined> {
  if (token.split('.').length === 3) {
    const jwks = verificationKeySet(db);
    try {
      // Stryker disable next-line ObjectLiteral: equivalent, every published key names its alg and jose's local JWK set matches a key only to its own alg (RFC 8725 §3.1); the allowlist guards a key without one
      const { protectedHeader } = await compactVerify(token, jwks, { algorithms: [...ACCESS_TOKEN_ALGORITHMS] });
      // Stryker disable next-line OptionalChaining: equivalent, the TypeError of a missing typ is caught below into the same undefined
      if (protectedHeader.typ?.toLowerCase() !== AT_JWT_TYP) return undefined;
      const claims = decodeJwt(token);
      if (claims.iss !== issuer || typeof claims.jti !== 'string') return undefined;
      const row = findAccessTokenByJti(db, claims.jti);
      // Stryker disable OptionalChaining,BlockStatement: equivalent, the TypeError of an unknown jti is caught into the same undefined; and an emptied catch falls through to the look-up by hash, where a three-part token finds nothing (opaque tokens hold no '.')
      return row?.format === 'jwt' ? row : undefined;
    } catch {
      // Stryker restore OptionalChaining,BlockStatement
      return undefined;
    }
  }
  return findAccessTokenByHash(db, tokenHash(token));
}
