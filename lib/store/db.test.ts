import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from './db';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('openDb', () => {
  it('compiles each SQL text once per connection: prepare returns the same statement', () => {
    const db = openDb(':memory:');
    open.push(db);
    const sql = 'SELECT id, settings FROM runs WHERE id = ?';
    expect(db.prepare(sql)).toBe(db.prepare(sql));
    expect(db.prepare(sql)).not.toBe(db.prepare('SELECT id FROM runs WHERE id = ?'));
  });

  it("a shared statement does not keep one caller's pluck or raw mode for the next", () => {
    const db = openDb(':memory:');
    open.push(db);
    db.prepare('INSERT INTO runs (id, created_at, last_seen_at) VALUES (?, ?, ?)').run('r1', 1, 2);
    const sql = 'SELECT id, created_at FROM runs WHERE id = ?';
    expect(db.prepare(sql).pluck().get('r1')).toBe('r1');
    expect(db.prepare(sql).get('r1')).toEqual({ id: 'r1', created_at: 1 });
    expect(db.prepare(sql).raw().get('r1')).toEqual(['r1', 1]);
    expect(db.prepare(sql).get('r1')).toEqual({ id: 'r1', created_at: 1 });
  });

  it('a file database is WAL with synchronous NORMAL (the WAL default of better-sqlite3, now said explicitly): a commit survives a killed process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-test-'));
    try {
      const db = openDb(path.join(dir, 'sandbox.db'));
      open.push(db);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // https://www.sqlite.org/pragma.html#pragma_synchronous: 1 is NORMAL.
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      for (const db of open.splice(0)) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
