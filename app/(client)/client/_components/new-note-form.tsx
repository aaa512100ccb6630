'use client';
import { useEffect, useRef, useState, type ReactNode } from 'react';

const DRAFT_KEY = 'notes-assistant.draft';
const input = 'w-full rounded border-2 border-slate-300 bg-white px-3 py-2 text-lg';
const primary = 'rounded-lg bg-client px-5 py-2 text-lg font-semibold text-white';

interface Draft {
  title: string;
  body: string;
  /** The Notes API refused to create it for lack of a scope: offer to retry once the scope is granted. */
  refusedFor?: string;
}

function load(): Draft {
  try {
    const d = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? 'null') as Partial<Draft> | null;
    return { title: typeof d?.title === 'string' ? d.title : '', body: typeof d?.body === 'string' ? d.body : '', ...(typeof d?.refusedFor === 'string' ? { refusedFor: d.refusedFor } : {}) };
  } catch {
    return { title: '', body: '' };
  }
}

function save(d: Draft) {
  try {
    if (d.title === '' && d.body === '') sessionStorage.removeItem(DRAFT_KEY);
    else sessionStorage.setItem(DRAFT_KEY, JSON.stringify(d));
  } catch {
    /* private mode: the draft lives only on this page */
  }
}

/**
 * The new-note form. What the user typed is kept in this tab (sessionStorage)
 * until the Notes API creates the note, so a refusal (403 insufficient_scope)
 * and the round trip to the authorization server for more scope lose nothing;
 * once the scope is granted it offers to try the same write again.
 * `lastCreate` is what the last create led to (shown once), `resultKey`
 * changes with each result.
 */
export function NewNoteForm({
  action,
  canWrite,
  neededScope,
  lastCreate,
  resultKey,
  children,
}: {
  action: (form: FormData) => Promise<void>;
  canWrite: boolean;
  neededScope: string;
  lastCreate?: 'created' | 'refused-for-scope' | 'refused';
  resultKey: number;
  children: ReactNode;
}) {
  const [draft, setDraft] = useState<Draft>({ title: '', body: '' });
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const saved = load();
    const next: Draft =
      lastCreate === 'created'
        ? { title: '', body: '' }
        : lastCreate === 'refused-for-scope'
          ? { ...saved, refusedFor: neededScope }
          : saved;
    save(next);
    setDraft(next);
  }, [lastCreate, resultKey, neededScope]);
  const change = (d: Partial<Draft>) => {
    const next = { ...draft, ...d };
    save(next);
    setDraft(next);
  };
  const retry = draft.refusedFor !== undefined && canWrite && draft.title !== '';

  return (
    <form ref={form} action={action} aria-label="New note" className="space-y-2 rounded-lg border-2 border-dashed border-client/60 bg-white p-5">
      <h3 className="text-2xl font-semibold">New note</h3>
      {retry ? (
        <div role="status" className="rounded border-l-8 border-ok bg-green-50 p-3 text-lg">
          <p>
            “{draft.title}” was not created: the Notes API refused it for lack of <code className="font-mono">{draft.refusedFor}</code>. You
            have granted <code className="font-mono">{draft.refusedFor}</code> now, and what you typed is still here.
          </p>
          <button type="submit" className={`${primary} mt-2`}>
            Try again: create “{draft.title}”
          </button>
        </div>
      ) : null}
      <label className="block">
        <span className="text-lg">Title</span>
        <input name="title" required className={input} value={draft.title} onChange={(e) => change({ title: e.target.value })} />
      </label>
      <label className="block">
        <span className="text-lg">Text</span>
        <textarea name="body" rows={2} className={input} value={draft.body} onChange={(e) => change({ body: e.target.value })} />
      </label>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 pt-1">
        <button type="submit" className={primary}>
          Create note
        </button>
        {children}
      </div>
    </form>
  );
}
