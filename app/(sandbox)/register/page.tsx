import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { PartyFrame } from '@/components/party-frame';
import { pageOrigin } from '@/lib/http/page-origin';
import { SCOPES } from '@/lib/oauth/scopes';
import { getDb } from '@/lib/store/db';
import { listRegisteredClients } from '@/lib/store/registered-clients';
import { RUN_KEY_COOKIE, isRunKey } from '@/lib/runs/run-id';
import { runIdForKey } from '@/lib/runs/run-owner';
import { RegisterForm } from './_components/register-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Register your app · OAuth Sandbox' };

/** "Register your app": dynamic client registration (RFC 7591) as a form, then configuration for the new client. */
export default async function RegisterPage() {
  const origin = await pageOrigin();
  const runKey = (await cookies()).get(RUN_KEY_COOKIE)?.value;
  const runId = isRunKey(runKey) ? runIdForKey(runKey) : undefined;
  const mine = runId ? listRegisteredClients(getDb(), runId) : [];
  return (
    <PartyFrame party="sandbox" url={`${origin}/register`}>
      <h1 className="text-3xl font-bold">Register your app</h1>
      <p className="mt-2 max-w-3xl text-lg">
        Point your own app (next-auth, Auth.js, openid-client, oauth4webapi, curl, an MCP client) at the sandbox. Registration is{' '}
        <strong>open</strong>: anyone may register a client at <code className="font-mono">{origin}/as/register</code> (RFC 7591), with no
        initial access token. A client belongs to the run that registered it: usable in your run only, and deleted when the run is
        reset or expires. Registering changes your run, so it takes the run key: this page sends your browser&apos;s; an outside tool
        sends <code className="font-mono">X-Sandbox-Run-Key</code> (the run id alone is refused).
      </p>
      <p className="mt-2 max-w-3xl">
        A client can also skip registration: a <code className="font-mono">client_id</code> that is an https URL (or http on 127.0.0.1 or
        this sandbox) names its client ID metadata document, which the authorization server fetches.{' '}
        <Link href="/" className="underline">Back to the sandbox</Link>
      </p>
      <RegisterForm origin={origin} scopes={SCOPES} />
      <section className="mt-10" aria-labelledby="mine">
        <h2 id="mine" className="text-xl font-semibold">Clients registered in this run</h2>
        {mine.length === 0 ? (
          <p className="mt-2">None yet.</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {mine.map((c) => {
              const m = JSON.parse(c.metadata) as { client_name?: string; redirect_uris: string[]; token_endpoint_auth_method: string };
              return (
                <li key={c.clientId}>
                  <span className="font-mono">{c.clientId}</span> {m.client_name && <strong>{m.client_name}</strong>} ({m.token_endpoint_auth_method}
                  ) <span className="font-mono text-sm">{m.redirect_uris.join(' ')}</span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </PartyFrame>
  );
}
