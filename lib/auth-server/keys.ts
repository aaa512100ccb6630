import 'server-only';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Db } from '@/lib/store/db';
import {
  demoteCurrentSigningKeys,
  findCurrentSigningKey,
  insertSigningKey,
  listPublishedSigningKeys,
  listPublishedSigningKids,
  noteSignedLifetime,
  retireExpiredSigningKeys,
  type SigningKeyRow,
} from '@/lib/store/signing-keys';
import type { Clock } from '@/lib/runs/clock';

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
/** The EC key's algorithm: it signs ES256 access tokens (the default). */
export const EC_KEY_ALG = 'ES256';
/** The RSA key's algorithm: it signs every ID token, and access tokens when the run sets accessTokenAlg RS256. */
export const RSA_KEY_ALG = 'RS256';
export type SigningAlg = typeof EC_KEY_ALG | typeof RSA_KEY_ALG;
/** Every algorithm an access token may be signed with (the run setting `accessTokenAlg`). */
export const ACCESS_TOKEN_ALGORITHMS: readonly SigningAlg[] = [EC_KEY_ALG, RSA_KEY_ALG];

interface SigningKey {
  kid: string;
  alg: SigningAlg;
  privateKey: CryptoKey;
}

/** A public key as the JWKS publishes it (RFC 7517 §4; `use`, `alg`, `kid` set so clients can select it). */
interface PublishedJwk extends JWK {
  kid: string;
  alg: SigningAlg;
  use: 'sig';
}

// Imported private keys, by kid: importing an RSA key on every request is wasted work.
const imported = new Map<string, CryptoKey>();

/**
 * The longest a signed token may live: the longest access token lifetime a
 * run may set (lib/runs/settings.ts), and ID tokens share it. A retired
 * key is published at most this long after it stopped signing.
 */
const MAX_SIGNED_TOKEN_LIFETIME = 30 * 86_400;
/** A token signed in the instant of a rotation, and clock skew at the verifier. */
const RETIREMENT_LEEWAY = 60;

type NewKeyRow = Pick<SigningKeyRow, 'kid' | 'alg' | 'privateJwk' | 'publicJwk' | 'createdAt' | 'status'>;

async function newKeyRow(alg: SigningAlg, now: number): Promise<NewKeyRow> {
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

async function toSigningKey(row: NewKeyRow): Promise<SigningKey> {
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
 * With `tokenLifetime` (seconds), the caller is about to sign a token living
 * that long: the key remembers it, so that after a rotation it stays
 * published until that token has expired (0, the default: it signs nothing
 * here, and a lifetime of 0 is already what the key remembers).
 */
export async function currentSigningKey(db: Db, alg: SigningAlg, clock: Clock, tokenLifetime = 0): Promise<SigningKey> {
  const found = findCurrentSigningKey(db, alg);
  let row: NewKeyRow;
  if (found) row = found;
  else {
    const fresh = await newKeyRow(alg, clock());
    row = db.transaction(() => {
      const again = findCurrentSigningKey(db, alg);
      if (again) return again;
      insertSigningKey(db, fresh);
      return fresh;
    })();
  }
  noteLifetimeOnce(db, row.kid, Math.min(Math.max(0, Math.ceil(tokenLifetime)), MAX_SIGNED_TOKEN_LIFETIME));
  return toSigningKey(row);
}

// The longest lifetime already noted per key, per database: the stored value only ever rises,
// so a token no longer-lived than one noted before needs no write (it was an UPDATE per token).
const notedLifetimes = new WeakMap<Db, Map<string, number>>();

function noteLifetimeOnce(db: Db, kid: string, lifetime: number): void {
  let noted = notedLifetimes.get(db);
  if (!noted) notedLifetimes.set(db, (noted = new Map()));
  // A key's stored lifetime starts at 0 (a key that signed nothing): a lifetime of 0 needs no write.
  if ((noted.get(kid) ?? 0) >= lifetime) return;
  noteSignedLifetime(db, kid, lifetime);
  noted.set(kid, lifetime);
}

/**
 * The public keys the JWKS publishes (created if missing): the current key of
 * each algorithm, and every previous key while a token it signed may still be
 * alive. `wallClock` is the wall clock: keys are shared by every run.
 */
export async function publishedKeys(db: Db, wallClock: Clock): Promise<PublishedJwk[]> {
  await currentSigningKey(db, EC_KEY_ALG, wallClock);
  await currentSigningKey(db, RSA_KEY_ALG, wallClock);
  retireExpiredSigningKeys(db, wallClock(), RETIREMENT_LEEWAY);
  return listPublishedSigningKeys(db).map((r) => JSON.parse(r.publicJwk) as PublishedJwk);
}

/** What the JWKS holds, for the timeline: each published key, and until when a previous one stays. */
interface KeyInventory {
  current: { kid: string; alg: string }[];
  previous: { kid: string; alg: string; retiredAt: number; publishedUntil: number }[];
}

export function keyInventory(db: Db, wallClock: Clock): KeyInventory {
  retireExpiredSigningKeys(db, wallClock(), RETIREMENT_LEEWAY);
  const rows = listPublishedSigningKeys(db);
  return {
    current: rows.filter((r) => r.status === 'current').map((r) => ({ kid: r.kid, alg: r.alg })),
    previous: rows
      .filter((r) => r.status === 'previous')
      .map((r) => {
        const retiredAt = r.retiredAt ?? r.createdAt;
        return { kid: r.kid, alg: r.alg, retiredAt, publishedUntil: retiredAt + r.maxTokenLifetime + RETIREMENT_LEEWAY };
      }),
  };
}

let cachedKeySet: { kids: string; keySet: ReturnType<typeof createLocalJWKSet> } | undefined;

/**
 * The published keys as a jose key set, for verifying tokens this server
 * signed (introspection, revocation, UserInfo). Each call reads only the
 * published kids; the keys are read, parsed and handed to jose only when
 * that list changes (a kid is the RFC 7638 thumbprint of its key, so the
 * same kids are the same keys), and jose's imported keys are reused.
 */
export function verificationKeySet(db: Db): ReturnType<typeof createLocalJWKSet> {
  // No keys yet means nothing was signed yet: verify against an empty set rather than create keys here.
  const kids = listPublishedSigningKids(db).join(' ');
  if (cachedKeySet?.kids !== kids) {
    const keys = listPublishedSigningKeys(db).map((r) => JSON.parse(r.publicJwk) as PublishedJwk);
    cachedKeySet = { kids: keys.map((k) => k.kid).join(' '), keySet: createLocalJWKSet({ keys }) };
  }
  return cachedKeySet.keySet;
}

/**
 * Makes new current keys for both algorithms. The keys that were current
 * become previous: they sign nothing more, and stay in the JWKS until the
 * last token they signed has expired (RFC 7517 §5: the set may hold several
 * keys; a verifier picks by `kid`), however many rotations follow. A rotation
 * therefore never invalidates a token that has not expired.
 * Records nothing itself: the caller records `signing_key.rotated`.
 */
export async function rotateSigningKeys(
  db: Db,
  wallClock: Clock,
): Promise<{ accessTokenKid: string; idTokenKid: string; retiredKids: string[] }> {
  const now = wallClock();
  const at = await newKeyRow(EC_KEY_ALG, now);
  const id = await newKeyRow(RSA_KEY_ALG, now);
  const retiredKids = db.transaction(() => {
    const demoted: string[] = [];
    for (const row of [at, id]) {
      demoted.push(...demoteCurrentSigningKeys(db, row.alg, now));
      insertSigningKey(db, row);
    }
    retireExpiredSigningKeys(db, now, RETIREMENT_LEEWAY);
    return demoted;
  })();
  return { accessTokenKid: at.kid, idTokenKid: id.kid, retiredKids };
}
