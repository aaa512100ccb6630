import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PartyFrame } from '@/components/party-frame';
import { CLIENT_HOME } from '@/lib/client-app/config';
import { explain, type ActionResult } from '@/lib/client-app/explain';
import { callNotesApi } from '@/lib/client-app/notes-api';
import { howYouSeeIt, toNotes } from '@/lib/client-app/notes';
import { splitScope, scopeWithAdded } from '@/lib/client-app/scopes';
import { fetchScopeNeeds, needMet, needsText } from '@/lib/client-app/scope-needs';
import { clientPageOrigin, currentClientSession, currentRunId } from '@/lib/client-app/session';
import { systemWallClock } from '@/lib/runs/clock';
import { cookies } from 'next/headers';
import { RUN_KEY_COOKIE } from '@/lib/runs/run-id';
import { getDb } from '@/lib/store/db';
import { saveLastOutcome } from '@/lib/store/client-sessions';
import { AskForScopeButton, SignInAgainButton, SignInAsSomeoneElseButton, SignOutButton } from '../_components/auth-buttons';
import { NewNoteForm } from '../_components/new-note-form';
import { OutcomeBanner } from '../_components/outcome-banner';
import { ScopeNeed } from '../_components/scope-need';
import { ScrollHere } from '../_components/scroll-here';
import { createNote, deleteNote, editNote } from './actions';

export const dynamic = 'force-dynamic';

const input = 'w-full rounded border-2 border-slate-300 bg-white px-3 py-2 text-lg';
const primary = 'rounded-lg bg-client px-5 py-2 text-lg font-semibold text-white';
const danger = 'rounded-lg border-2 border-denied bg-white px-5 py-2 text-lg font-semibold text-denied';

function Claim({ name, value }: { name: string; value: unknown }) {
  if (value === undefined || value === null) return null;
  return (
    <>
      <dt className="font-mono text-lg text-slate-600">{name}</dt>
      <dd className="text-lg">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
    </>
  );
}

/** Signed in: who you are, what you granted, your notes, and what each action needs. */
export default async function NotesPage() {
  const session = await currentClientSession();
  if (!session) redirect(CLIENT_HOME);
  const origin = await clientPageOrigin();
  const db = getDb();
  const list = await callNotesApi({ db, origin, runId: await currentRunId(), wall: systemWallClock }, session, { action: 'list', method: 'GET', path: '' });
  const notes = list.result.outcome.kind === 'ok' ? toNotes(list.data) : [];
  // A result belongs to the action that caused it: shown once, on the page the action led to, then forgotten
  // (a reload or a later visit does not show it again).
  const last = session.lastOutcome as ActionResult | null;
  if (last) saveLastOutcome(db, session.id, null, session.updatedAt);
  const lastExplained = last ? explain(last) : undefined;
  const listExplained = list.result.outcome.kind === 'ok' && !list.result.refreshed ? undefined : explain(list.result);
  const granted = splitScope(session.scopeGranted);
  const asked = splitScope(session.scopeRequested);
  // The hints beside the buttons follow this run's policy (a learner may have changed it in "Scopes and rules").
  const needs = await fetchScopeNeeds(origin, (await cookies()).get(RUN_KEY_COOKIE)?.value);
  const canWrite = needMet(session.scopeGranted, needs.create);
  const canEdit = needMet(session.scopeGranted, needs.edit);
  const canDelete = needMet(session.scopeGranted, needs.delete);
  const sameNeeds = needsText(needs.edit) === needsText(needs.delete);
  const id = session.idTokenClaims;
  const userinfo = session.userinfo ?? {};
  const name = (userinfo.name ?? id.name ?? session.sub) as string;

  const offers = (e: ReturnType<typeof explain>) =>
    e.offer === 'ask-for-scope' && e.scope ? (
      <AskForScopeButton scope={scopeWithAdded(session.scopeGranted, e.scope)} label={e.scope === 'notes:write' ? 'Ask for write access' : `Ask for ${e.scope}`} />
    ) : e.offer === 'sign-in-again' ? (
      <SignInAgainButton scope={session.scopeRequested} />
    ) : null;

  return (
    <PartyFrame party="client" url={`${origin}/client/notes`}>
      <div className="text-xl">
        <div className="flex flex-wrap items-baseline justify-between gap-4">
          <h1 className="text-4xl font-bold text-client">Notes Assistant</h1>
          <div className="flex items-center gap-4">
            <Link href="/client" className="text-lg underline">About this app</Link>
            <SignInAsSomeoneElseButton scope={session.scopeRequested} />
            <SignOutButton />
          </div>
        </div>

        <div className="mt-8 grid gap-6 md:grid-cols-2">
          <section aria-labelledby="who" className="rounded-lg bg-white p-5 shadow-sm">
            <h2 id="who" className="text-2xl font-semibold">Who you are</h2>
            <p className="mt-2">
              Signed in as <strong>{name}</strong> (<code className="font-mono">{session.sub}</code>)
            </p>
            <h3 className="mt-3 text-lg font-semibold">From the ID token</h3>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4">
              <Claim name="iss" value={id.iss} />
              <Claim name="sub" value={id.sub} />
              <Claim name="aud" value={id.aud} />
              <Claim name="name" value={id.name} />
            </dl>
            <h3 className="mt-3 text-lg font-semibold">From userinfo</h3>
            {session.userinfo ? (
              <dl className="grid grid-cols-[auto_1fr] gap-x-4">
                {Object.entries(userinfo).map(([k, v]) => (
                  <Claim key={k} name={k} value={v} />
                ))}
              </dl>
            ) : (
              <p className="text-lg text-slate-600">The userinfo endpoint gave nothing.</p>
            )}
          </section>

          <section aria-labelledby="scopes" className="rounded-lg bg-white p-5 shadow-sm">
            <h2 id="scopes" className="text-2xl font-semibold">Scopes granted</h2>
            <ul aria-label="Granted scopes" className="mt-2 flex flex-wrap gap-2">
              {granted.map((s) => (
                <li key={s} className="rounded-full bg-client px-3 py-1 font-mono text-lg text-white">{s}</li>
              ))}
            </ul>
            <p className="mt-3 text-lg">
              Asked for: <code className="font-mono">{asked.join(' ')}</code>
            </p>
            {asked.some((s) => !granted.includes(s)) ? (
              <p className="mt-2 text-lg">
                You granted fewer scopes than Notes Assistant asked for:{' '}
                <code className="font-mono">{asked.filter((s) => !granted.includes(s)).join(' ')}</code> not granted.
              </p>
            ) : null}
            <p className="mt-2 text-lg text-slate-600">The tokens stay on Notes Assistant’s server; your browser holds only a session cookie.</p>
          </section>
        </div>

        <section aria-labelledby="notes" className="mt-8">
          <h2 id="notes" className="text-3xl font-semibold">Your notes</h2>
          {lastExplained ? (
            <ScrollHere key={session.updatedAt}>
              <OutcomeBanner label="Last action" explanation={lastExplained}>{offers(lastExplained)}</OutcomeBanner>
            </ScrollHere>
          ) : null}
          {listExplained ? <OutcomeBanner label="Reading your notes" explanation={listExplained}>{offers(listExplained)}</OutcomeBanner> : null}
          {list.result.outcome.kind === 'ok' && notes.length === 0 ? <p className="mt-4">You have no notes yet.</p> : null}

          <div className="mt-4 grid gap-4 lg:grid-cols-2">
            <NewNoteForm
              action={createNote}
              canWrite={canWrite}
              neededScope={needsText(needs.create)}
              resultKey={session.updatedAt}
              {...(last?.action === 'create'
                ? { lastCreate: last.outcome.kind === 'ok' ? 'created' : last.outcome.kind === 'insufficient_scope' ? 'refused-for-scope' : 'refused' }
                : {})}
            >
              <ScopeNeed needed={needsText(needs.create)} granted={canWrite} />
            </NewNoteForm>

            {notes.map((n) => (
              <section key={n.id} aria-label={`Note: ${n.title}`} className="rounded-lg bg-white p-5 shadow-sm">
                <h3 className="text-2xl font-semibold">{n.title}</h3>
                {howYouSeeIt(n, session.sub) ? <p className="text-lg font-semibold">{howYouSeeIt(n, session.sub)}</p> : null}
                <p className="text-base text-slate-600">
                  {[
                    n.owner ? `owner ${n.owner}` : undefined,
                    n.public ? 'public' : undefined,
                    n.archived ? 'archived' : undefined,
                    ...n.sharing.map((s) => `shared: ${s}`),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                <form action={editNote} className="mt-2 space-y-2">
                  <input type="hidden" name="id" value={n.id} />
                  <label className="block">
                    <span className="sr-only">Title</span>
                    <input name="title" defaultValue={n.title} className={input} />
                  </label>
                  <label className="block">
                    <span className="sr-only">Text</span>
                    <textarea name="body" defaultValue={n.body} rows={2} className={input} />
                  </label>
                  <div className="flex flex-wrap items-center gap-x-4 gap-y-1 pt-1">
                    <button type="submit" className={primary}>Save</button>
                    <button type="submit" formAction={deleteNote} className={danger}>Delete</button>
                    {sameNeeds ? (
                      <ScopeNeed what="both need" needed={needsText(needs.edit)} granted={canEdit} />
                    ) : (
                      <>
                        <ScopeNeed what="Save needs" needed={needsText(needs.edit)} granted={canEdit} />
                        <ScopeNeed what="Delete needs" needed={needsText(needs.delete)} granted={canDelete} />
                      </>
                    )}
                  </div>
                </form>
              </section>
            ))}
          </div>
        </section>
      </div>
    </PartyFrame>
  );
}
