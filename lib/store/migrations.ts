import 'server-only';
import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order at start. Append new entries; never
 * edit one that has shipped. Tables are prefixed by owner: `as_` for the
 * authorization server, `rs_` for the resource server, `client_` for the
 * client app; `runs` and `events` belong to the sandbox shell.
 */
export const migrations: { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'runs and events',
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        settings TEXT NOT NULL DEFAULT '{}',
        next_seq INTEGER NOT NULL DEFAULT 1
      );
      CREATE TABLE events (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL,
        from_party TEXT NOT NULL,
        to_party TEXT NOT NULL,
        type TEXT NOT NULL,
        summary TEXT NOT NULL,
        outcome TEXT NOT NULL,
        exchange TEXT,
        detail TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (run_id, seq)
      );
    `,
  },
  {
    id: 2,
    name: 'authorization server',
    sql: `
      CREATE TABLE as_signing_keys (
        kid TEXT PRIMARY KEY,
        alg TEXT NOT NULL,
        private_jwk TEXT NOT NULL,
        public_jwk TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('current', 'previous', 'retired'))
      );
      CREATE TABLE as_sessions (
        id_hash TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        auth_time INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE as_authorization_requests (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        params TEXT NOT NULL,
        csrf_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        completed_at INTEGER
      );
      CREATE TABLE as_consents (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        scope TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (run_id, user_id, client_id)
      );
      CREATE TABLE as_grants (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        user_id TEXT,
        scope TEXT NOT NULL,
        resource TEXT NOT NULL,
        auth_time INTEGER,
        nonce TEXT,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE TABLE as_authorization_codes (
        code_hash TEXT PRIMARY KEY,
        grant_id TEXT NOT NULL REFERENCES as_grants(id) ON DELETE CASCADE,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        redirect_uri TEXT NOT NULL,
        redirect_uri_in_request INTEGER NOT NULL,
        code_challenge TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        consumed_at INTEGER
      );
      CREATE TABLE as_access_tokens (
        jti TEXT PRIMARY KEY,
        token_hash TEXT UNIQUE,
        grant_id TEXT REFERENCES as_grants(id) ON DELETE CASCADE,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        user_id TEXT,
        scope TEXT NOT NULL,
        audience TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('jwt', 'opaque')),
        issued_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE TABLE as_refresh_tokens (
        token_hash TEXT PRIMARY KEY,
        grant_id TEXT NOT NULL REFERENCES as_grants(id) ON DELETE CASCADE,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        scope TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        rotated_at INTEGER,
        revoked_at INTEGER
      );
      CREATE INDEX as_access_tokens_grant ON as_access_tokens(grant_id);
      CREATE INDEX as_refresh_tokens_grant ON as_refresh_tokens(grant_id);
    `,
  },
  {
    id: 3,
    name: 'client app sessions',
    sql: `
      CREATE TABLE client_sessions (
        id TEXT PRIMARY KEY,
        run_id TEXT REFERENCES runs(id) ON DELETE CASCADE,
        sub TEXT NOT NULL,
        scope_requested TEXT NOT NULL,
        scope_granted TEXT NOT NULL,
        access_token TEXT NOT NULL,
        access_token_expires_at INTEGER,
        refresh_token TEXT,
        id_token TEXT,
        id_token_claims TEXT NOT NULL DEFAULT '{}',
        userinfo TEXT,
        last_outcome TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    id: 4,
    name: 'resource server notes',
    sql: `
      CREATE TABLE rs_seeded_runs (
        run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        seeded_at INTEGER NOT NULL
      );
      CREATE TABLE rs_notes (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        owner TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        public INTEGER NOT NULL DEFAULT 0,
        archived INTEGER NOT NULL DEFAULT 0,
        shares TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (run_id, id)
      );
    `,
  },
  {
    id: 5,
    name: 'the session that signed in for an authorization request (prompt=login, max_age)',
    sql: `ALTER TABLE as_authorization_requests ADD COLUMN signed_in_session TEXT;`,
  },
  {
    id: 6,
    name: 'client refresh claim; signing keys kept until their last token expires',
    sql: `
      -- Epoch ms until which one request (in any process) holds the right to spend this session's refresh token.
      ALTER TABLE client_sessions ADD COLUMN refresh_claimed_until INTEGER;
      -- The longest lifetime (seconds) of any token the key signed, and when it stopped signing (epoch seconds, wall clock).
      ALTER TABLE as_signing_keys ADD COLUMN max_token_lifetime INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE as_signing_keys ADD COLUMN retired_at INTEGER;
    `,
  },
  {
    id: 7,
    name: 'per-run scope definitions (authorization server) and notes policy (resource server)',
    sql: `
      CREATE TABLE as_scope_definitions (
        run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        definitions TEXT NOT NULL
      );
      CREATE TABLE rs_policies (
        run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        policy TEXT NOT NULL
      );
    `,
  },
  {
    id: 8,
    name: 'dynamically registered clients',
    sql: `
      -- RFC 7591: a client registered at /as/register belongs to the run that registered it.
      CREATE TABLE as_registered_clients (
        client_id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        client_secret_hash TEXT,
        metadata TEXT NOT NULL,
        issued_at INTEGER NOT NULL
      );
      CREATE INDEX as_registered_clients_run ON as_registered_clients(run_id);
    `,
  },
  {
    id: 9,
    name: 'failures on demand: the next N answers of an endpoint fail on purpose',
    sql: `
      CREATE TABLE sandbox_injected_failures (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        endpoint TEXT NOT NULL,
        kind TEXT NOT NULL,
        remaining INTEGER NOT NULL,
        delay_ms INTEGER,
        PRIMARY KEY (run_id, endpoint)
      );
    `,
  },
  {
    id: 10,
    name: 'client sessions: drop access_token_expires_at, which nothing reads or writes',
    // SQLite 3.35+ (better-sqlite3 12 bundles 3.5x); the column is in no index, key or constraint.
    sql: `ALTER TABLE client_sessions DROP COLUMN access_token_expires_at;`,
  },
];

export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied = new Set(
    (db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[]).map((r) => r.id),
  );
  const apply = db.transaction((m: (typeof migrations)[number]) => {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(m.id, m.name, Date.now());
  });
  for (const m of migrations) if (!applied.has(m.id)) apply(m);
}
