'use server';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/store/db';
import { saveLastOutcome } from '@/lib/store/client-sessions';
import { CLIENT_HOME, NOTES_PAGE } from '@/lib/client-app/config';
import { callNotesApi, type NotesCall } from '@/lib/client-app/notes-api';
import { clientPageOrigin, currentClientSession, currentRunId } from '@/lib/client-app/session';
import { systemWallClock } from '@/lib/runs/clock';

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

/** Runs one call to the Notes API from the server with the session's token, keeps the outcome to show, and goes back to the notes. */
async function act(call: NotesCall): Promise<never> {
  const session = await currentClientSession();
  if (!session) redirect(CLIENT_HOME);
  const db = getDb();
  const { result } = await callNotesApi({ db, origin: await clientPageOrigin(), runId: await currentRunId(), wall: systemWallClock }, session, call);
  saveLastOutcome(db, session.id, result, systemWallClock());
  redirect(NOTES_PAGE);
}

export async function createNote(form: FormData): Promise<void> {
  const title = field(form, 'title').trim() || 'Untitled';
  await act({ action: 'create', method: 'POST', path: '', json: { title, body: field(form, 'body') }, target: title });
}

export async function editNote(form: FormData): Promise<void> {
  const id = field(form, 'id');
  const title = field(form, 'title').trim();
  await act({
    action: 'edit',
    method: 'PATCH',
    path: `/${encodeURIComponent(id)}`,
    json: { ...(title ? { title } : {}), body: field(form, 'body') },
    target: title || id,
  });
}

export async function deleteNote(form: FormData): Promise<void> {
  const id = field(form, 'id');
  await act({ action: 'delete', method: 'DELETE', path: `/${encodeURIComponent(id)}`, target: field(form, 'title') || id });
}
