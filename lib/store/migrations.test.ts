import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from './migrations';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const columnsOf = (db: Database.Database, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

/** A database as a sandbox that last started before migration `lastId` left it. */
function migratedUpTo(lastId: number): Database.Database {
  const db = new Database(':memory:');
  open.push(db);
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of migrations.filter((m) => m.id <= lastId)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, 0)').run(m.id, m.name);
  }
  return db;
}

describe('migration 10: client_sessions.access_token_expires_at dropped (issue 13)', () => {
  it('drops the column from an existing database and keeps every session row with its other columns', () => {
    const db = migratedUpTo(9);
    expect(columnsOf(db, 'client_sessions')).toContain('access_token_expires_at');
    db.prepare('INSERT INTO runs (id, created_at, last_seen_at) VALUES (?, 1, 1)').run('run-1');
    db.prepare(
      `INSERT INTO client_sessions (id, run_id, sub, scope_requested, scope_granted, access_token, access_token_expires_at, refresh_token, created_at, updated_at)
       VALUES ('s1', 'run-1', 'alice', 'openid notes:read', 'openid notes:read', 'at-1', 1700000300, 'rt-1', 5, 6)`,
    ).run();

    migrate(db);

    expect(columnsOf(db, 'client_sessions')).not.toContain('access_token_expires_at');
    expect(db.prepare('SELECT id, run_id, sub, scope_granted, access_token, refresh_token, created_at, updated_at FROM client_sessions').all()).toEqual([
      { id: 's1', run_id: 'run-1', sub: 'alice', scope_granted: 'openid notes:read', access_token: 'at-1', refresh_token: 'rt-1', created_at: 5, updated_at: 6 },
    ]);
    expect(db.prepare('SELECT name FROM schema_migrations WHERE id = 10').get()).toEqual({ name: 'client sessions: drop access_token_expires_at, which nothing reads or writes' });
    // Deleting the run still removes its sessions: the column's removal left the foreign key in place.
    db.prepare("DELETE FROM runs WHERE id = 'run-1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM client_sessions').get()).toEqual({ n: 0 });
  });

  it('a new database has no such column, and migrating again changes nothing', () => {
    const db = migratedUpTo(0);
    migrate(db);
    migrate(db);
    expect(columnsOf(db, 'client_sessions')).not.toContain('access_token_expires_at');
    expect(columnsOf(db, 'client_sessions')).toEqual(expect.arrayContaining(['id', 'run_id', 'access_token', 'refresh_token', 'refresh_claimed_until', 'last_outcome']));
  });
});
