/**
 * The notes as Notes Assistant shows them, read from the Notes API's JSON
 * (a list, or `{ "notes": [...] }`). Fields the app does not know are left out.
 */
interface NoteView {
  id: string;
  title: string;
  body: string;
  owner?: string;
  public?: boolean;
  archived?: boolean;
  /** How the note is shared, in words ("alice can edit"). */
  sharing: string[];
  /** Who it is shared with and how, as the Notes API said (`shared_with`). */
  shares: { user: string; access: 'read' | 'edit' }[];
}

/**
 * How the signed-in user stands to a note, in words: theirs, shared with
 * them (by whom, to read or to edit), or public. Undefined when none applies
 * (an admin sees others' private notes).
 */
export function howYouSeeIt(n: NoteView, me: string): string | undefined {
  if (n.owner === me) return n.shares.length ? `Yours, shared with ${n.shares.map((s) => `${s.user} (${s.access === 'edit' ? 'can edit' : 'can read'})`).join(', ')}` : 'Yours';
  const mine = n.shares.find((s) => s.user === me);
  if (mine) return `${n.owner ?? 'Its owner'} shared this with you: you can ${mine.access === 'edit' ? 'read and edit it (not delete it)' : 'read it, not edit it'}`;
  if (n.public) return `${n.owner ?? 'Its owner'}’s public note: anyone signed in can read it`;
  return undefined;
}

function toNote(v: unknown): NoteView | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return undefined;
  // The Notes API says `shared_with: [{ user, access }]`; `shares: [{ userId, access }]` is read too.
  const raw: unknown[] = Array.isArray(o.shared_with) ? o.shared_with : Array.isArray(o.shares) ? o.shares : [];
  const shares = raw.flatMap((s: unknown) => {
    const share = s as { user?: unknown; userId?: unknown; access?: unknown };
    const user = typeof share?.user === 'string' ? share.user : typeof share?.userId === 'string' ? share.userId : undefined;
    return user ? [{ user, access: share.access === 'edit' ? ('edit' as const) : ('read' as const) }] : [];
  });
  return {
    id: String(o.id),
    title: typeof o.title === 'string' ? o.title : '(untitled)',
    body: typeof o.body === 'string' ? o.body : '',
    ...(typeof o.owner === 'string' ? { owner: o.owner } : {}),
    ...(typeof o.public === 'boolean' ? { public: o.public } : {}),
    ...(typeof o.archived === 'boolean' ? { archived: o.archived } : {}),
    sharing: shares.map((s) => `${s.user} can ${s.access}`),
    shares,
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
