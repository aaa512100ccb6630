import type { Metadata } from 'next';
import { PartyFrame } from '@/components/party-frame';
import { clientPageOrigin } from '@/lib/client-app/session';
import { agentClientIdUrl, agentNotesUrl } from '@/lib/client-app/notes-agent/identity';
import { agentOutcome } from '@/lib/client-app/notes-agent/outcome';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Notes Agent · OAuth Sandbox' };

const STEPS = [
  'Calls the Notes API with no token: 401, and the challenge names resource_metadata (RFC 9728 §5.1).',
  'Reads the protected resource metadata: the resource and its authorization server (RFC 9728 §3).',
  'Reads the authorization server’s metadata: its endpoints, and whether it takes client ID metadata documents (RFC 8414 §3).',
  'Names itself by its client ID metadata document, a URL the authorization server fetches (or registers, RFC 7591, as the fallback).',
  'Sends you to sign in and consent: code + PKCE, with resource naming the Notes API (RFC 7636, RFC 8707).',
  'Lists your notes, then writes one: on 403 insufficient_scope it asks again for exactly the scope the challenge names (RFC 6750 §3.1).',
];

/** Notes Agent: a client that starts knowing only the Notes API's URL and discovers everything else. */
export default async function AgentPage({ searchParams }: { searchParams: Promise<{ done?: string; refused?: string; error?: string; mark?: string }> }) {
  const [params, origin] = await Promise.all([searchParams, clientPageOrigin()]);
  // Only the agent's own words, marked by it: never the text of a link someone crafted.
  const outcome = agentOutcome(params);
  return (
    <PartyFrame party="client" title="Client app: Notes Agent" page="/agent" url={`${origin}/agent`}>
      <div className="text-xl">
        <h1 className="text-4xl font-bold text-client">Notes Agent</h1>
        <p className="mt-3 max-w-3xl">
          Notes Agent acts for you, as an AI agent connected to a tool server would. It knows one thing only: the Notes API is at{' '}
          <code className="font-mono text-lg">{agentNotesUrl(origin)}</code>. Everything else it discovers, and each step lands on the timeline with the
          document it read.
        </p>
        {outcome?.kind === 'done' ? (
          <p role="status" className="mt-6 rounded-lg border-l-8 border-ok bg-green-50 p-4">
            Done: {outcome.text}.
          </p>
        ) : null}
        {outcome?.kind === 'refused' ? (
          <section aria-label="Refused" className="mt-6 rounded-lg border-l-8 border-denied bg-red-50 p-4">
            <div role="alert">
              <p className="text-2xl font-semibold">The Notes API refused Notes Agent.</p>
              <p className="mt-2 text-lg">{outcome.text}</p>
            </div>
          </section>
        ) : null}
        {outcome?.kind === 'error' ? (
          <p role="alert" className="mt-6 rounded-lg border-l-8 border-denied bg-red-50 p-4">
            Notes Agent stopped: {outcome.text}.
          </p>
        ) : null}
        <section aria-labelledby="chain" className="mt-8">
          <h2 id="chain" className="text-2xl font-semibold">What it will do</h2>
          <ol className="mt-2 list-decimal space-y-1 pl-8 text-lg">
            {STEPS.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </section>
        <form method="post" action="/agent/start" className="mt-8 space-y-3">
          <fieldset>
            <legend className="text-2xl font-semibold">How it names itself</legend>
            <label className="mt-2 flex items-center gap-2 text-lg">
              <input type="radio" name="identification" value="document" defaultChecked /> By its client ID metadata document,{' '}
              <code className="font-mono">{agentClientIdUrl(origin)}</code>
            </label>
            <label className="flex items-center gap-2 text-lg">
              <input type="radio" name="identification" value="registration" /> By dynamic client registration (RFC 7591), the fallback
            </label>
          </fieldset>
          <button type="submit" className="rounded-lg bg-client px-6 py-3 font-semibold text-white">
            Start Notes Agent
          </button>
        </form>
      </div>
    </PartyFrame>
  );
}
