import 'server-only';
import type { Db } from './db';

/**
 * The authorization server's signing keys (DESIGN.md, Store): kept in the
 * database so a restart does not invalidate issued tokens. `current` keys
 * sign; `previous` keys no longer sign but stay in the JWKS until the last
 * token they signed has expired (`retiredAt + maxTokenLifetime`); `retired`
 * keys signed nothing still alive and are no longer published.
 */
type SigningKeyStatus = 'current' | 'previous' | 'retired';

export interface SigningKeyRow {
  kid: string;
  alg: string;
  privateJwk: string;
  publicJwk: string;
  createdAt: number;
  status: SigningKeyStatus;
  /** The longest lifetime (seconds, exp - iat) of any token this key signed; 0 if it signed none. */
  maxTokenLifetime: number;
  /** When it stopped signing (epoch seconds, wall clock); null while current. */
  retiredAt: number | null;
}

interface Raw {
  kid: string;
  alg: string;
  private_jwk: string;
  public_jwk: string;
  created_at: number;
  status: SigningKeyStatus;
  max_token_lifetime: number;
  retired_at: number | null;
}

const toRow = (r: Raw): SigningKeyRow => ({
  kid: r.kid,
  alg: r.alg,
  privateJwk: r.private_jwk,
  publicJwk: r.public_jwk,
  createdAt: r.created_at,
  status: r.status,
  maxTokenLifetime: r.max_token_lifetime,
  retiredAt: r.retired_at,
});

export function insertSigningKey(db: Db, k: Pick<SigningKeyRow, 'kid' | 'alg' | 'privateJwk' | 'publicJwk' | 'createdAt' | 'status'>): void {
  db.prepare(
    'INSERT INTO as_signing_keys (kid, alg, private_jwk, public_jwk, created_at, status) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(k.kid, k.alg, k.privateJwk, k.publicJwk, k.createdAt, k.status);
}

/** The newest current key for `alg`, if any. */
export function findCurrentSigningKey(db: Db, alg: string): SigningKeyRow | undefined {
  const r = db
    .prepare("SELECT * FROM as_signing_keys WHERE alg = ? AND status = 'current' ORDER BY created_at DESC, rowid DESC LIMIT 1")
    .get(alg) as Raw | undefined;
  return r && toRow(r);
}

/** Current and previous keys: the ones the JWKS publishes (call retireExpiredSigningKeys first). */
export function listPublishedSigningKeys(db: Db): SigningKeyRow[] {
  return (
    db
      .prepare("SELECT * FROM as_signing_keys WHERE status IN ('current', 'previous') ORDER BY status, alg, created_at DESC, rowid DESC")
      .all() as Raw[]
  ).map(toRow);
}

/** The kids of the published keys, in the same order: enough to tell whether the set changed (a kid is its key's RFC 7638 thumbprint). */
export function listPublishedSigningKids(db: Db): string[] {
  return db
    .prepare("SELECT kid FROM as_signing_keys WHERE status IN ('current', 'previous') ORDER BY status, alg, created_at DESC, rowid DESC")
    .pluck()
    .all() as string[];
}

/** Remembers that `kid` is about to sign a token living `lifetime` seconds (only ever raises the maximum). */
export function noteSignedLifetime(db: Db, kid: string, lifetime: number): void {
  db.prepare('UPDATE as_signing_keys SET max_token_lifetime = ? WHERE kid = ? AND max_token_lifetime < ?').run(lifetime, kid, lifetime);
}

/** Moves every current key of `alg` to `previous`, stamped with when it stopped signing. Returns their kids. */
export function demoteCurrentSigningKeys(db: Db, alg: string, nowWall: number): string[] {
  const kids = (db.prepare("SELECT kid FROM as_signing_keys WHERE alg = ? AND status = 'current'").all(alg) as { kid: string }[]).map((r) => r.kid);
  db.prepare("UPDATE as_signing_keys SET status = 'previous', retired_at = ? WHERE alg = ? AND status = 'current'").run(nowWall, alg);
  return kids;
}

/**
 * Unpublishes the previous keys whose every token has expired: retired at
 * `retired_at`, a token they signed lives at most `max_token_lifetime`, plus
 * `leewaySeconds` for a token signed in the instant of the rotation. A key
 * that signed nothing (lifetime 0) goes at once.
 */
export function retireExpiredSigningKeys(db: Db, nowWall: number, leewaySeconds: number): void {
  db.prepare(
    `UPDATE as_signing_keys SET status = 'retired'
     WHERE status = 'previous' AND (max_token_lifetime = 0 OR retired_at + max_token_lifetime + ? <= ?)`,
  ).run(leewaySeconds, nowWall);
}
