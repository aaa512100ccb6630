import { cookies } from 'next/headers';
import Link from 'next/link';
import { PartyFrame } from '@/components/party-frame';
import { CLIENTS } from '@/lib/auth-server/clients';
import { USERS } from '@/lib/auth-server/users';
import { pageOrigin } from '@/lib/http/page-origin';
import { SCOPES, SCOPE_MEANINGS } from '@/lib/oauth/scopes';
import { RUN_KEY_COOKIE, isRunKey } from '@/lib/timeline/run-id';
import { runIdForKey } from '@/lib/timeline/run-owner';
import { RunKeyPanel } from './_components/run-key-panel';
import { TryIt } from './_components/try-it';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const origin = await pageOrigin();
  const runKey = (await cookies()).get(RUN_KEY_COOKIE)?.value;
  const runId = isRunKey(runKey) ? runIdForKey(runKey) : undefined;
  return (
    <PartyFrame party="sandbox" url={origin}>
      <h1 className="text-3xl font-bold">OAuth Sandbox</h1>
      <p className="mt-2 max-w-3xl text-lg">
        Watch the three parties of OAuth 2.0 at work: a client app asks the authorization server for an access token,
        you consent, and the resource server verifies the token and decides. Every request lands on your{' '}
        <Link href="/timeline" className="font-semibold underline">timeline</Link>.
      </p>

      <nav aria-label="Parties" className="mt-6 grid gap-4 sm:grid-cols-3">
        <Link href="/client" className="rounded-lg border-l-8 border-client bg-white p-4 shadow-sm dark:bg-slate-900">
          <span className="block font-semibold">Client app: Notes Assistant</span>
          <span className="font-mono text-sm">{origin}/client</span>
        </Link>
        <a href="/as" className="rounded-lg border-l-8 border-auth-server bg-white p-4 shadow-sm dark:bg-slate-900">
          <span className="block font-semibold">Authorization server</span>
          <span className="font-mono text-sm">{origin}/as</span>
        </a>
        <a href="/rs" className="rounded-lg border-l-8 border-resource-server bg-white p-4 shadow-sm dark:bg-slate-900">
          <span className="block font-semibold">Resource server: Notes API</span>
          <span className="font-mono text-sm">{origin}/rs</span>
        </a>
      </nav>

      <TryIt />

      <RunKeyPanel {...(runId ? { runId } : {})} />

      <section className="mt-8" aria-labelledby="clients">
        <h2 id="clients" className="text-xl font-semibold">Demo clients</h2>
        <table className="mt-2 w-full text-left">
          <thead>
            <tr><th className="py-1">client_id</th><th>secret (demo value)</th><th>what it shows</th></tr>
          </thead>
          <tbody>
            {CLIENTS.map((c) => (
              <tr key={c.client_id} className="border-t border-slate-300 align-top">
                <td className="py-1 font-mono">{c.client_id}</td>
                <td className="font-mono">{c.client_secret ?? '(public client: none)'}</td>
                <td>{c.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <p className="mt-2"><Link href="/register" className="underline">Register your app</Link>: bring your own client (RFC 7591, open registration).</p>

      <section className="mt-8" aria-labelledby="users">
        <h2 id="users" className="text-xl font-semibold">Demo users</h2>
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
    </PartyFrame>
  );
}
