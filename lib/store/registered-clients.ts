import 'server-only';
import type { Db } from './db';

/**
 * Clients registered at the registration endpoint (RFC 7591), each owned by
 * the run that registered it and removed with it (ON DELETE CASCADE). The
 * client_id is random and unique across runs, so the token endpoint can find
 * a client before it knows the run; the run is recorded beside it.
 * The secret is stored hashed, like codes and tokens.
 */
export interface RegisteredClientRow {
  clientId: string;
  runId: string;
  clientSecretHash: string | null;
  /** The client metadata as registered (RFC 7591 §2), JSON. */
  metadata: string;
  /** client_id_issued_at, epoch seconds. */
  issuedAt: number;
}

interface Raw {
  client_id: string;
  run_id: string;
  client_secret_hash: string | null;
  metadata: string;
  issued_at: number;
}

const toRow = (r: Raw): RegisteredClientRow => ({
  clientId: r.client_id,
  runId: r.run_id,
  clientSecretHash: r.client_secret_hash,
  metadata: r.metadata,
  issuedAt: r.issued_at,
});

export function insertRegisteredClient(db: Db, row: RegisteredClientRow): void {
  db.prepare('INSERT INTO as_registered_clients (client_id, run_id, client_secret_hash, metadata, issued_at) VALUES (?, ?, ?, ?, ?)').run(
    row.clientId,
    row.runId,
    row.clientSecretHash,
    row.metadata,
    row.issuedAt,
  );
}

export function findRegisteredClient(db: Db, clientId: string): RegisteredClientRow | undefined {
  const r = db.prepare('SELECT * FROM as_registered_clients WHERE client_id = ?').get(clientId) as Raw | undefined;
  return r && toRow(r);
}

/** A run's registered clients, newest first. */
export function listRegisteredClients(db: Db, runId: string): RegisteredClientRow[] {
  return (db.prepare('SELECT * FROM as_registered_clients WHERE run_id = ? ORDER BY issued_at DESC, rowid DESC').all(runId) as Raw[]).map(toRow);
}
