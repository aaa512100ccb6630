/**
 * The notes as Notes Assistant shows them, read from the Notes API's JSON
 * (a list, or `{ "notes": [...] }`). Fields the app does not know are left out.
 */
export interface NoteView {
  id: string;
  title: string;
  body: string;
  owner?: string;
  public?: boolean;
  archived?: boolean;
  /** How the note is shared, in words ("alice can edit"). */
  sharing: string[];
}

function toNote(v: unknown): NoteView | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return undefined;
  const shares = Array.isArray(o.shares) ? o.shares : [];
  return {
    id: String(o.id),
    title: typeof o.title === 'string' ? o.title : '(untitled)',
    body: typeof o.body === 'string' ? o.body : '',
    ...(typeof o.owner === 'string' ? { owner: o.owner } : {}),
    ...(typeof o.public === 'boolean' ? { public: o.public } : {}),
    ...(typeof o.archived === 'boolean' ? { archived: o.archived } : {}),
    sharing: shares.flatMap((s: unknown) => {
      const share = s as { userId?: unknown; access?: unknown };
      return typeof share?.userId === 'string' ? [`${share.userId} can ${share.access === 'edit' ? 'edit' : 'read'}`] : [];
    }),
  };
}

export function toNotes(data: unknown): NoteView[] {
  const list = Array.isArray(data) ? data : (data as { notes?: unknown } | undefined)?.notes;
  if (!Array.isArray(list)) return [];
  return list.map(toNote).filter((n): n is NoteView => n !== undefined);
}

/** A single note from `GET/POST/PATCH /rs/api/notes/{id}` (the note, or `{ "note": {...} }`). */
export function toNote1(data: unknown): NoteView | undefined {
  return toNote(data) ?? toNote((data as { note?: unknown } | undefined)?.note);
}
