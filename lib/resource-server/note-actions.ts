import type { Note } from '@/lib/store/notes';
import { parseCreateNote, parseUpdateNote } from './note-input';
import type { Action, Subject } from './policy';

/** The notes of a run, as the Notes API uses them (lib/store/notes.ts behind it). */
export interface NotesStore {
  /** Seeds the run's notes on its first use (creating the run's row if needed). */
  ensureSeeded(runId: string, now: number): void;
  list(runId: string): Note[];
  find(runId: string, id: string): Note | undefined;
  insert(runId: string, note: Note): void;
  update(runId: string, note: Note): void;
  remove(runId: string, id: string): void;
  newId(): string;
}

/** A note as the API shows it (snake_case, like the protocol's own fields). */
function noteJson(n: Note) {
  return {
    id: n.id,
    owner: n.owner,
    title: n.title,
    body: n.body,
    public: n.public,
    archived: n.archived,
    shared_with: n.shares.map((s) => ({ user: s.userId, access: s.access })),
    created_at: n.createdAt,
    updated_at: n.updatedAt,
  };
}

export type ActionResult = { ok: true; status: 200 | 201 | 204; body?: unknown } | { ok: false; field: string; message: string };

/**
 * Carries out an action the policy has already allowed: lists the notes the
 * subject may read (the policy filters each one), reads, creates (owned by
 * the user), updates or deletes. Validates bodies, naming the bad field.
 */
export async function performNoteAction(
  a: { action: Action; subject: Subject; note: Note | undefined; runId: string; now: number; body: () => Promise<string>; mayRead: (n: Note) => boolean },
  store: NotesStore,
): Promise<ActionResult> {
  switch (a.action) {
    case 'list': {
      const readable = store.list(a.runId).filter(a.mayRead);
      return { ok: true, status: 200, body: { notes: readable.map(noteJson) } };
    }
    case 'read':
      return { ok: true, status: 200, body: noteJson(a.note!) };
    case 'create': {
      const input = parseCreateNote(await a.body());
      if (!input.ok) return input;
      const owner = a.subject.kind === 'user' ? a.subject.userId : a.subject.clientId;
      const note: Note = { id: store.newId(), owner, ...input.value, archived: false, shares: [], createdAt: a.now, updatedAt: a.now };
      store.insert(a.runId, note);
      return { ok: true, status: 201, body: noteJson(note) };
    }
    case 'update': {
      const input = parseUpdateNote(await a.body());
      if (!input.ok) return input;
      const note: Note = { ...a.note!, ...input.value, updatedAt: a.now };
      store.update(a.runId, note);
      return { ok: true, status: 200, body: noteJson(note) };
    }
    case 'delete':
      store.remove(a.runId, a.note!.id);
      return { ok: true, status: 204 };
  }
}
