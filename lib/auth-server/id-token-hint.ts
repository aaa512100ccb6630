import 'server-only';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { listPublishedSigningKeys } from '@/lib/store/signing-keys';
import type { AuthServerDeps } from './deps';
import { RSA_KEY_ALG } from './keys';

function json(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, a JSON value that is not an object (null, an array, a string, a number) has no alg, typ and kid, nor iss, aud and sub, so the checks below refuse it anyway; this only types it
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    // (The directive below sits on the catch line: a "next-line" directive applies to the line of the node it precedes.)
  } /* Stryker disable next-line BlockStatement: equivalent, an empty catch block returns undefined too */ catch {
    return undefined;
  }
}

/**
 * OpenID Connect Core §3.1.2.1 `id_token_hint`: the `sub` of an ID token
 * this server issued to `clientId`, or undefined when the hint is not one.
 * Checks the RS256 signature against a key the JWKS publishes (by `kid`),
 * `typ: JWT` (so an RS256 access token is not a hint), `iss` exactly and
 * `aud` naming the client.
 *
 * Does not check `exp`: Core says an expired ID token SHOULD still be
 * accepted as a hint. Synchronous (node:crypto), so the authorization
 * endpoint stays a plain function. Records nothing.
 */
export function idTokenHintSubject(hint: string, clientId: string, deps: Pick<AuthServerDeps, 'db' | 'issuer'>): string | undefined {
  const parts = hint.split('.');
  if (parts.length !== 3) return undefined;
  const header = json(parts[0]!);
  const payload = json(parts[1]!);
  if (!header || !payload || header.alg !== RSA_KEY_ALG || header.typ !== 'JWT') return undefined;
  // A kid that is not a string matches no published key (every kid is a string).
  const row = listPublishedSigningKeys(deps.db).find((k) => k.kid === header.kid && k.alg === RSA_KEY_ALG);
  if (!row) return undefined;
  const key = createPublicKey({ key: JSON.parse(row.publicJwk) as JsonWebKey, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2]!, 'base64url'))) return undefined;
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (payload.iss !== deps.issuer || !aud.includes(clientId) || typeof payload.sub !== 'string') return undefined;
  return payload.sub;
}
