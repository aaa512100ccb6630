import 'server-only';
import type { Db } from './db';

/**
 * The authorization server's signing keys (DESIGN.md, Store): kept in the
 * database so a restart does not invalidate issued tokens. `current` keys
 * sign; `previous` keys stay in the JWKS after a rotation so tokens they
 * signed still verify; `retired` keys are no longer published.
 */
export type SigningKeyStatus = 'current' | 'previous' | 'retired';

export interface SigningKeyRow {
  kid: string;
  alg: string;
  privateJwk: string;
  publicJwk: string;
  createdAt: number;
  status: SigningKeyStatus;
}

interface Raw {
  kid: string;
  alg: string;
  private_jwk: string;
  public_jwk: string;
  created_at: number;
  status: SigningKeyStatus;
}

const toRow = (r: Raw): SigningKeyRow => ({
  kid: r.kid,
  alg: r.alg,
  privateJwk: r.private_jwk,
  publicJwk: r.public_jwk,
  createdAt: r.created_at,
  status: r.status,
});

export function insertSigningKey(db: Db, k: SigningKeyRow): void {
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

/** Current and previous keys: the ones the JWKS publishes. */
export function listPublishedSigningKeys(db: Db): SigningKeyRow[] {
  return (
    db
      .prepare("SELECT * FROM as_signing_keys WHERE status IN ('current', 'previous') ORDER BY status, alg, created_at DESC")
      .all() as Raw[]
  ).map(toRow);
}

/** Moves every `previous` key of `alg` to `retired` and every `current` one to `previous`. */
export function demoteSigningKeys(db: Db, alg: string): void {
  db.prepare("UPDATE as_signing_keys SET status = 'retired' WHERE alg = ? AND status = 'previous'").run(alg);
  db.prepare("UPDATE as_signing_keys SET status = 'previous' WHERE alg = ? AND status = 'current'").run(alg);
}
