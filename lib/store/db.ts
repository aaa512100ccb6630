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
  // With WAL, NORMAL syncs at checkpoints rather than at every commit: a
  // committed transaction survives the process being killed (the WAL is in the
  // OS's page cache); only a power loss may lose the last few. FULL would cost
  // an fsync per request. https://www.sqlite.org/pragma.html#pragma_synchronous
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  memoizePrepare(db);
  migrate(db);
  return db;
}

/** More distinct SQL texts than the code holds would mean SQL built from data: stop caching then. */
const MAX_CACHED_STATEMENTS = 500;

/**
 * Makes `db.prepare(sql)` return one statement per SQL text, compiled once,
 * instead of compiling it again on every call (it was ~8% of a request's CPU).
 * One change here, so no store module has to keep its own statements.
 * better-sqlite3 runs each statement to completion synchronously, so sharing
 * is safe; a statement's modes (`pluck`, `raw`, `expand`) are reset on every
 * `prepare` so one caller's choice never leaks into another's. Never `bind()`
 * a prepared statement (binding is permanent): pass the values to run/get/all.
 */
function memoizePrepare(db: Db): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = compile(sql);
      if (cache.size < MAX_CACHED_STATEMENTS) cache.set(sql, stmt);
    } else if (stmt.reader) {
      stmt.raw(false).pluck(false).expand(false);
    }
    return stmt;
  };
  db.prepare = prepare as Db['prepare'];
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
