import 'server-only';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Db } from '@/lib/store/db';
import {
  demoteSigningKeys,
  findCurrentSigningKey,
  insertSigningKey,
  listPublishedSigningKeys,
  type SigningKeyRow,
} from '@/lib/store/signing-keys';
import type { Clock } from '@/lib/timeline/clock';

/**
 * The authorization server's signing keys. Each key is used with exactly one
 * algorithm (RFC 8725 §3.1), named by the `alg` of its published JWK: the EC
 * key signs ES256 access tokens (the default), the RSA key signs ID tokens
 * (OpenID Connect Core §3.1.3.7 default, and oauth4webapi's fallback) and,
 * when the run asks for it, RS256 access tokens (RFC 9068 §2.1: RS256 MUST be
 * supported). ID tokens and access tokens from the RSA key are kept apart by
 * `typ` (RFC 8725 §3.11, RFC 9068 §2.1). Keys are created on first use and
 * kept in `as_signing_keys`, so a restart does not invalidate tokens.
 */
export const ACCESS_TOKEN_ALG = 'ES256';
export const ID_TOKEN_ALG = 'RS256';
export type SigningAlg = typeof ACCESS_TOKEN_ALG | typeof ID_TOKEN_ALG;
/** Every algorithm an access token may be signed with (the run setting `accessTokenAlg`). */
export const ACCESS_TOKEN_ALGS: readonly SigningAlg[] = [ACCESS_TOKEN_ALG, ID_TOKEN_ALG];

export interface SigningKey {
  kid: string;
  alg: SigningAlg;
  privateKey: CryptoKey;
}

/** A public key as the JWKS publishes it (RFC 7517 §4; `use`, `alg`, `kid` set so clients can select it). */
export interface PublishedJwk extends JWK {
  kid: string;
  alg: SigningAlg;
  use: 'sig';
}

// Imported private keys, by kid: importing an RSA key on every request is wasted work.
const imported = new Map<string, CryptoKey>();

async function newKeyRow(alg: SigningAlg, now: number): Promise<SigningKeyRow> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  // RFC 7638 thumbprint as kid: unique, and says nothing but which key it is.
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  return {
    kid,
    alg,
    privateJwk: JSON.stringify({ ...privateJwk, kid, alg }),
    publicJwk: JSON.stringify({ ...publicJwk, kid, alg, use: 'sig' }),
    createdAt: now,
    status: 'current',
  };
}

async function toSigningKey(row: SigningKeyRow): Promise<SigningKey> {
  let privateKey = imported.get(row.kid);
  if (!privateKey) {
    privateKey = (await importJWK(JSON.parse(row.privateJwk) as JWK, row.alg)) as CryptoKey;
    imported.set(row.kid, privateKey);
  }
  return { kid: row.kid, alg: row.alg as SigningAlg, privateKey };
}

/**
 * The current key for `alg`, created on first use. Two requests racing to
 * create the first key both generate one, but only the first to reach the
 * (synchronous) transaction stores it; the other uses the stored key.
 */
export async function currentSigningKey(db: Db, alg: SigningAlg, clock: Clock): Promise<SigningKey> {
  const existing = findCurrentSigningKey(db, alg);
  if (existing) return toSigningKey(existing);
  const row = await newKeyRow(alg, clock());
  const stored = db.transaction(() => {
    const again = findCurrentSigningKey(db, alg);
    if (again) return again;
    insertSigningKey(db, row);
    return row;
  })();
  return toSigningKey(stored);
}

/** The public keys the JWKS publishes: current and previous, for both algorithms (created if missing). */
export async function publishedKeys(db: Db, clock: Clock): Promise<PublishedJwk[]> {
  await currentSigningKey(db, ACCESS_TOKEN_ALG, clock);
  await currentSigningKey(db, ID_TOKEN_ALG, clock);
  return listPublishedSigningKeys(db).map((r) => JSON.parse(r.publicJwk) as PublishedJwk);
}

let cachedKeySet: { kids: string; keySet: ReturnType<typeof createLocalJWKSet> } | undefined;

/**
 * The published keys as a jose key set, for verifying tokens this server
 * signed (introspection, revocation, UserInfo). Rebuilt only when the set of
 * keys changes, so jose's imported keys are reused between requests.
 */
export function verificationKeySet(db: Db): ReturnType<typeof createLocalJWKSet> {
  // No keys yet means nothing was signed yet: verify against an empty set rather than create keys here.
  const keys = listPublishedSigningKeys(db).map((r) => JSON.parse(r.publicJwk) as PublishedJwk);
  const kids = keys.map((k) => k.kid).join(' ');
  if (cachedKeySet?.kids !== kids) cachedKeySet = { kids, keySet: createLocalJWKSet({ keys }) };
  return cachedKeySet.keySet;
}

/**
 * Makes new current keys for both algorithms; the keys that were current
 * become previous and stay in the JWKS, so tokens they signed still verify;
 * keys that were previous are retired and leave the JWKS.
 * Records nothing itself: the caller records `signing_key.rotated`.
 */
export async function rotateSigningKeys(db: Db, clock: Clock): Promise<{ accessTokenKid: string; idTokenKid: string }> {
  const now = clock();
  const at = await newKeyRow(ACCESS_TOKEN_ALG, now);
  const id = await newKeyRow(ID_TOKEN_ALG, now);
  db.transaction(() => {
    for (const row of [at, id]) {
      demoteSigningKeys(db, row.alg);
      insertSigningKey(db, row);
    }
  })();
  return { accessTokenKid: at.kid, idTokenKid: id.kid };
}
