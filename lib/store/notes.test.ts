import { describe, expect, it } from 'vitest';
import { openDb } from './db';
import { ensureNotesSeeded, findNote, listNotes, SEED_NOTES, updateNote } from './notes';
import { ensureRun } from './runs';

const RUN = 'notes-run-0123456789abcdef';

describe('Notes store (rs_notes), per run', () => {
  it('seeds the notes once, on first use', () => {
    const db = openDb(':memory:');
    ensureRun(db, RUN, Date.now());
    ensureNotesSeeded(db, RUN, 100);
    updateNote(db, RUN, { ...findNote(db, RUN, 'n1')!, title: 'Changed', updatedAt: 101 });
    ensureNotesSeeded(db, RUN, 102);
    expect(listNotes(db, RUN)).toHaveLength(SEED_NOTES.length);
    expect(findNote(db, RUN, 'n1')!.title).toBe('Changed');
    expect(findNote(db, RUN, 'n4')!.shares).toEqual([{ userId: 'alice', access: 'edit' }]);
  });

  it('a run reset (deleting the run row) removes its notes, and the next use seeds them again', () => {
    const db = openDb(':memory:');
    ensureRun(db, RUN, Date.now());
    ensureNotesSeeded(db, RUN, 100);
    updateNote(db, RUN, { ...findNote(db, RUN, 'n1')!, title: 'Changed', updatedAt: 101 });
    db.prepare('DELETE FROM runs WHERE id = ?').run(RUN);
    expect(listNotes(db, RUN)).toHaveLength(0);
    ensureRun(db, RUN, Date.now());
    ensureNotesSeeded(db, RUN, 200);
    expect(findNote(db, RUN, 'n1')!.title).toBe('Groceries');
  });

  it('keeps runs apart', () => {
    const db = openDb(':memory:');
    ensureRun(db, RUN, Date.now());
    ensureNotesSeeded(db, RUN, 100);
    expect(listNotes(db, 'other-run-0123456789abcdef')).toEqual([]);
  });
});
