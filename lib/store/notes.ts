import 'server-only';
import type { Db } from './db';

/**
 * The Notes API's notes (tables `rs_`), per run. A run's notes are seeded on
 * its first use; resetting the run (deleting its row) removes them with it,
 * so the next use seeds them again.
 */
interface Share {
  userId: string;
  access: 'read' | 'edit';
}

export interface Note {
  id: string;
  owner: string;
  title: string;
  body: string;
  public: boolean;
  archived: boolean;
  shares: Share[];
  createdAt: number;
  updatedAt: number;
}

type SeedNote = Omit<Note, 'createdAt' | 'updatedAt'>;

/** The seeded notes: bob shares one with alice for editing and one read-only, carol's are private, one is archived, one is public. */
export const SEED_NOTES: readonly SeedNote[] = [
  { id: 'n1', owner: 'alice', title: 'Groceries', body: 'Milk, bread, coffee.', public: false, archived: false, shares: [] },
  { id: 'n2', owner: 'alice', title: 'Team meeting agenda', body: 'Release plan; who is on call.', public: true, archived: false, shares: [] },
  { id: 'n3', owner: 'alice', title: 'Goals for last year', body: 'Learn OAuth properly.', public: false, archived: true, shares: [] },
  { id: 'n4', owner: 'bob', title: 'Project plan', body: 'Draft, review, ship.', public: false, archived: false, shares: [{ userId: 'alice', access: 'edit' }] },
  { id: 'n5', owner: 'bob', title: 'Reading list', body: 'RFC 6749, RFC 6750, RFC 9068.', public: false, archived: false, shares: [{ userId: 'alice', access: 'read' }] },
  { id: 'n6', owner: 'carol', title: 'Salary review', body: 'Private: admins only.', public: false, archived: false, shares: [] },
  { id: 'n7', owner: 'carol', title: 'Office hours', body: 'Mondays 10 to 12.', public: true, archived: false, shares: [] },
];

interface Raw {
  id: string;
  owner: string;
  title: string;
  body: string;
  public: number;
  archived: number;
  shares: string;
  created_at: number;
  updated_at: number;
}

const toNote = (r: Raw): Note => ({
  id: r.id,
  owner: r.owner,
  title: r.title,
  body: r.body,
  public: r.public === 1,
  archived: r.archived === 1,
  shares: JSON.parse(r.shares) as Share[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Seeds the run's notes once (the run's row must exist). */
export function ensureNotesSeeded(db: Db, runId: string, now: number): void {
  db.transaction(() => {
    const fresh = db.prepare('INSERT OR IGNORE INTO rs_seeded_runs (run_id, seeded_at) VALUES (?, ?)').run(runId, now).changes === 1;
    if (!fresh) return;
    for (const n of SEED_NOTES) insertNote(db, runId, { ...n, createdAt: now, updatedAt: now });
  })();
}

export function insertNote(db: Db, runId: string, n: Note): void {
  db.prepare(
    `INSERT INTO rs_notes (run_id, id, owner, title, body, public, archived, shares, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(runId, n.id, n.owner, n.title, n.body, n.public ? 1 : 0, n.archived ? 1 : 0, JSON.stringify(n.shares), n.createdAt, n.updatedAt);
}

export function findNote(db: Db, runId: string, id: string): Note | undefined {
  const r = db.prepare('SELECT * FROM rs_notes WHERE run_id = ? AND id = ?').get(runId, id) as Raw | undefined;
  return r && toNote(r);
}

export function listNotes(db: Db, runId: string): Note[] {
  return (db.prepare('SELECT * FROM rs_notes WHERE run_id = ? ORDER BY created_at, id').all(runId) as Raw[]).map(toNote);
}

export function updateNote(db: Db, runId: string, n: Note): void {
  db.prepare('UPDATE rs_notes SET title = ?, body = ?, public = ?, archived = ?, shares = ?, updated_at = ? WHERE run_id = ? AND id = ?').run(
    n.title,
    n.body,
    n.public ? 1 : 0,
    n.archived ? 1 : 0,
    JSON.stringify(n.shares),
    n.updatedAt,
    runId,
    n.id,
  );
}

export function deleteNote(db: Db, runId: string, id: string): boolean {
  return db.prepare('DELETE FROM rs_notes WHERE run_id = ? AND id = ?').run(runId, id).changes === 1;
}

/** Whether the run's notes were seeded (then the run's row exists too): one read, where seeding is two writes. */
export function notesSeeded(db: Db, runId: string): boolean {
  return db.prepare('SELECT 1 FROM rs_seeded_runs WHERE run_id = ?').get(runId) !== undefined;
}
