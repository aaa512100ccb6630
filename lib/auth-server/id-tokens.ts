import 'server-only';
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Db } from '@/lib/store/db';
import { currentSigningKey, RSA_KEY_ALG } from './keys';

interface IdTokenInput {
  issuer: string;
  clientId: string;
  sub: string;
  authTime: number | null;
  /** Only when the authorization request carried one (OpenID Connect Core §2, O1). */
  nonce: string | null;
  /** The access token issued with it, for `at_hash` (Core §3.1.3.6, optional in the code flow). */
  accessToken?: string;
  ttl: number;
  now: number;
}

/** Core §3.1.3.6: base64url of the left half of the SHA-256 of the access token (RS256 uses SHA-256). */
export function atHash(accessToken: string): string {
  // Stryker disable next-line StringLiteral: equivalent, access tokens are ASCII (base64url or a JWT), where ascii and utf8 encode alike
  const octets = Buffer.from(accessToken, 'ascii');
  const digest = createHash('sha256').update(octets).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/**
 * Signs an ID token with the RS256 key: `iss sub aud exp iat`, `auth_time`
 * when known, `nonce` only if the authorization request sent one, and
 * `at_hash`. The caller issues it only when `openid` was granted.
 *
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDToken
 */
export async function createIdToken(input: IdTokenInput, db: Db): Promise<string> {
  const key = await currentSigningKey(db, RSA_KEY_ALG, () => input.now, input.ttl);
  const claims: Record<string, unknown> = {};
  if (input.authTime !== null) claims.auth_time = input.authTime;
  if (input.nonce !== null) claims.nonce = input.nonce;
  if (input.accessToken) claims.at_hash = atHash(input.accessToken);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(input.issuer)
    .setSubject(input.sub)
    .setAudience(input.clientId)
    .setIssuedAt(input.now)
    .setExpirationTime(input.now + input.ttl)
    .sign(key.privateKey);
}
