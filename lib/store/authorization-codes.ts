import 'server-only';
import type { Db } from './db';

/** An authorization code, stored by its hash (RFC 6749 §4.1.2: short-lived, single use). */
export interface AuthorizationCodeRow {
  codeHash: string;
  grantId: string;
  runId: string;
  clientId: string;
  /** The redirect_uri the code was sent to. */
  redirectUri: string;
  /** Whether the authorization request named redirect_uri (then the token request must repeat it, §4.1.3). */
  redirectUriInRequest: boolean;
  /** The S256 code_challenge (RFC 7636 §4.3). */
  codeChallenge: string;
  expiresAt: number;
  consumedAt: number | null;
}

interface Raw {
  code_hash: string;
  grant_id: string;
  run_id: string;
  client_id: string;
  redirect_uri: string;
  redirect_uri_in_request: number;
  code_challenge: string;
  expires_at: number;
  consumed_at: number | null;
}

const toRow = (r: Raw): AuthorizationCodeRow => ({
  codeHash: r.code_hash,
  grantId: r.grant_id,
  runId: r.run_id,
  clientId: r.client_id,
  redirectUri: r.redirect_uri,
  redirectUriInRequest: r.redirect_uri_in_request === 1,
  codeChallenge: r.code_challenge,
  expiresAt: r.expires_at,
  consumedAt: r.consumed_at,
});

export function insertAuthorizationCode(db: Db, c: Omit<AuthorizationCodeRow, 'consumedAt'>): void {
  db.prepare(
    `INSERT INTO as_authorization_codes
       (code_hash, grant_id, run_id, client_id, redirect_uri, redirect_uri_in_request, code_challenge, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.codeHash, c.grantId, c.runId, c.clientId, c.redirectUri, c.redirectUriInRequest ? 1 : 0, c.codeChallenge, c.expiresAt);
}

export function findAuthorizationCode(db: Db, codeHash: string): AuthorizationCodeRow | undefined {
  const r = db.prepare('SELECT * FROM as_authorization_codes WHERE code_hash = ?').get(codeHash) as Raw | undefined;
  return r && toRow(r);
}

/**
 * Marks the code consumed, atomically: exactly one of any number of
 * concurrent redemptions gets `true`.
 */
export function consumeAuthorizationCode(db: Db, codeHash: string, now: number): boolean {
  return (
    db.prepare('UPDATE as_authorization_codes SET consumed_at = ? WHERE code_hash = ? AND consumed_at IS NULL').run(now, codeHash)
      .changes === 1
  );
}
