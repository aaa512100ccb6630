import { cookies } from 'next/headers';
import Link from 'next/link';
import { PartyFrame } from '@/components/party-frame';
import { CLIENTS } from '@/lib/auth-server/clients';
import { USERS } from '@/lib/auth-server/users';
import { pageOrigin } from '@/lib/http/page-origin';
import { SCOPES, SCOPE_MEANINGS } from '@/lib/oauth/scopes';
import { QUESTIONS } from '@/lib/scenarios/library';
import { runIdOfKeyCookie } from '@/lib/runs/run-owner';
import { PartiesDrawing } from './_components/parties-drawing';
import { RunKeyPanel } from './_components/run-key-panel';

export const dynamic = 'force-dynamic';

const FIRST_VISIT = 'read-only-then-write';

/** The front door: what the sandbox is, the three parties, the three questions with "Show me", then what developers need. */
export default async function Home() {
  const origin = await pageOrigin();
  const runId = runIdOfKeyCookie(await cookies());
  const questions = QUESTIONS.filter((q) => q.id !== 'attack');
  return (
    <PartyFrame party="sandbox" url={origin}>
      <h1 className="text-4xl font-bold">OAuth Sandbox</h1>
      <p className="mt-3 max-w-3xl text-xl">
        Watch the three parties of OAuth 2.0 at work. A client app asks an authorization server for an access token, you decide what to consent to, and a
        resource server checks the token and decides. Every request between them lands on your own live{' '}
        <Link href="/timeline" className="font-semibold underline">timeline</Link>. The protocol is real: what you learn here holds elsewhere.
      </p>
      <p className="mt-5">
        <Link href={`/scenarios/${FIRST_VISIT}`} className="inline-block rounded-lg bg-sky-700 px-8 py-3 text-2xl font-semibold text-white hover:bg-sky-800 focus-visible:outline-4 focus-visible:outline-sky-400">
          Start
        </Link>
        <span className="ml-4 text-lg">First visit? A guided tour: consent to read only, then watch a write get refused.</span>
      </p>

      <nav aria-label="Parties">
        <PartiesDrawing origin={origin} />
        <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-lg">
          <li><Link href="/client" className="underline">Client app: Notes Assistant</Link></li>
          <li><a href="/as" className="underline">Authorization server</a></li>
          <li><a href="/rs" className="underline">Resource server: Notes API</a></li>
        </ul>
      </nav>

      <section aria-labelledby="questions" className="mt-10">
        <h2 id="questions" className="text-2xl font-semibold">Three questions, answered by showing</h2>
        <ol className="mt-3 space-y-3">
          {questions.map((q, i) => (
            <li key={q.id} className="flex flex-wrap items-center gap-4 rounded-lg bg-white p-4 shadow-sm dark:bg-slate-900">
              <span className="text-xl">
                <span className="mr-2 font-mono font-bold">{i + 1}.</span>
                {q.title}
              </span>
              <Link href={`/scenarios/${q.showMe}`} aria-label={`Show me: ${q.title}`} className="ml-auto rounded-lg border-2 border-sky-700 px-4 py-1.5 text-lg font-semibold text-sky-800 dark:border-sky-400 dark:text-sky-200">
                Show me
              </Link>
            </li>
          ))}
        </ol>
        <p className="mt-3 text-lg">
          More: <Link href="/scenarios" className="font-semibold underline">all scenarios</Link>, grouped by question, and the{' '}
          <Link href="/attacks" className="font-semibold underline">attack panel</Link>.
        </p>
      </section>

      <section className="mt-10" aria-labelledby="developers">
        <h2 id="developers" className="text-2xl font-semibold">For developers</h2>
        <p className="mt-2">
          Issuer <code className="font-mono">{`${origin}/as`}</code>, discovery at{' '}
          <a className="font-mono underline" href="/.well-known/oauth-authorization-server/as">{`${origin}/.well-known/oauth-authorization-server/as`}</a>.
        </p>
        <h3 className="mt-4 text-xl font-semibold">A token with no user, with curl</h3>
        <p className="mt-1">
          <code className="font-mono">X-Sandbox-Run</code> names your run, so the request lands on your{' '}
          <Link href="/timeline" className="underline">timeline</Link>{runId ? null : <> (set <code className="font-mono">RUN</code> to your run id, below under “Your run”)</>}.
        </p>
        <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-3 font-mono text-sm dark:bg-slate-900">
          {`curl -s -u reporting-service:reporting-service-secret \\\n  -H "X-Sandbox-Run: ${runId ?? '$RUN'}" \\\n  -d grant_type=client_credentials -d scope=notes:read \\\n  ${origin}/as/token`}
        </pre>
        <h3 className="mt-4 text-xl font-semibold">Demo clients</h3>
        <table className="mt-2 w-full text-left">
          <thead>
            <tr><th className="py-1 pr-4">client_id</th><th className="pr-4">secret (demo value)</th><th>what it shows</th></tr>
          </thead>
          <tbody>
            {CLIENTS.map((c) => (
              <tr key={c.client_id} className="border-t border-slate-300 align-top dark:border-slate-700">
                {/* Ids and secrets are copied as typed: one line each (never broken at a hyphen), with room before the next column. */}
                <td className="whitespace-nowrap py-1 pr-4 font-mono">{c.client_id}</td>
                <td className="whitespace-nowrap py-1 pr-4 font-mono">{c.client_secret ?? '(public client: none)'}</td>
                <td className="py-1">{c.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2"><Link href="/register" className="underline">Register your app</Link>: bring your own client (RFC 7591, open registration).</p>
        <p className="mt-2"><Link href="/agent" className="underline">Notes Agent</Link>: a client that knows only the Notes API’s URL and discovers the rest from one 401.</p>
        <h3 className="mt-4 text-xl font-semibold">Demo users</h3>
        <ul className="mt-2 space-y-1">
          {USERS.map((u) => (
            <li key={u.sub}><span className="font-mono font-semibold">{u.sub}</span>: {u.roleMeaning}</li>
          ))}
        </ul>
      </section>
      <section className="mt-8" aria-labelledby="scopes">
        <h2 id="scopes" className="text-xl font-semibold">Scopes</h2>
        <p className="mt-1">
          The defaults. How scopes map to permissions is the resource server’s to say: define your own in{' '}
          <Link href="/timeline/scopes" className="font-semibold underline">Scopes and rules</Link>.
        </p>
        <ul className="mt-2 space-y-1">
          {SCOPES.map((s) => (
            <li key={s}><span className="font-mono font-semibold">{s}</span>: {SCOPE_MEANINGS[s]}</li>
          ))}
        </ul>
      </section>

      <RunKeyPanel {...(runId ? { runId } : {})} />
    </PartyFrame>
  );
}
