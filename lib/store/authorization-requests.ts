import 'server-only';
import type { Db } from './db';

/**
 * A pending authorization request: the parameters the client sent, kept
 * while the user signs in and consents, with the hash of the CSRF token
 * that the sign-in and consent forms must carry.
 */
export interface AuthorizationRequestRow {
  id: string;
  runId: string;
  /** The request's parameters as received (JSON of name to value or values). */
  params: Record<string, string | string[]>;
  csrfHash: string;
  createdAt: number;
  expiresAt: number;
  completedAt: number | null;
  /** The hash of the `as_session` that signed in while this request was pending (OpenID Connect Core §3.1.2.1 prompt=login, max_age). */
  signedInSession: string | null;
}

interface Raw {
  id: string;
  run_id: string;
  params: string;
  csrf_hash: string;
  created_at: number;
  expires_at: number;
  completed_at: number | null;
  signed_in_session: string | null;
}

export function insertAuthorizationRequest(db: Db, r: Omit<AuthorizationRequestRow, 'completedAt' | 'signedInSession'>): void {
  db.prepare(
    `INSERT INTO as_authorization_requests (id, run_id, params, csrf_hash, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.runId, JSON.stringify(r.params), r.csrfHash, r.createdAt, r.expiresAt);
}

export function findAuthorizationRequest(db: Db, id: string): AuthorizationRequestRow | undefined {
  const r = db.prepare('SELECT * FROM as_authorization_requests WHERE id = ?').get(id) as Raw | undefined;
  return (
    r && {
      id: r.id,
      runId: r.run_id,
      params: JSON.parse(r.params) as Record<string, string | string[]>,
      csrfHash: r.csrf_hash,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      completedAt: r.completed_at,
      signedInSession: r.signed_in_session,
    }
  );
}

/** Marks the request completed, atomically: only the first of two concurrent form posts gets `true`. */
export function completeAuthorizationRequest(db: Db, id: string, now: number): boolean {
  return (
    db.prepare('UPDATE as_authorization_requests SET completed_at = ? WHERE id = ? AND completed_at IS NULL').run(now, id)
      .changes === 1
  );
}

/** Remembers which session signed in for this pending request: a fresh sign-in, whatever prompt and max_age asked. */
export function markSignedIn(db: Db, id: string, sessionHash: string): void {
  db.prepare('UPDATE as_authorization_requests SET signed_in_session = ? WHERE id = ?').run(sessionHash, id);
}
