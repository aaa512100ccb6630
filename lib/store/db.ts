import 'server-only';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrations';

export type Db = Database.Database;

/** The `.data/` folder that holds the database and generated secrets. */
export function dataDir(): string {
  return process.env.SANDBOX_DATA_DIR || path.join(process.cwd(), '.data');
}

/** Opens a database at `file` (or `:memory:`) and brings it to the latest schema. */
export function openDb(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

const globalForDb = globalThis as unknown as { __sandboxDb?: Db };

/**
 * The process-wide connection, opened on first use: route modules are
 * evaluated during `next build`, so nothing may open the file at import time.
 */
export function getDb(): Db {
  if (!globalForDb.__sandboxDb) {
    const file = process.env.SANDBOX_DB || path.join(dataDir(), 'sandbox.db');
    globalForDb.__sandboxDb = openDb(file);
  }
  return globalForDb.__sandboxDb;
}
