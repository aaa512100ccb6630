import type { RegisteredClient } from '@/lib/auth-server/clients';

/**
 * Names the client that is asking, large: the learner must see who wants
 * access. `compact` when it asks again (the learner met it a moment ago).
 */
export function ClientBanner({ client, redirectUri, lead, compact = false }: { client: RegisteredClient; redirectUri: string; lead: string; compact?: boolean }) {
  const doc = client.metadata_document;
  return (
    <div className={`rounded-lg border-l-8 border-auth-server bg-white shadow-sm dark:bg-slate-900 ${compact ? 'px-6 py-3' : 'p-6'}`}>
      <p className="text-xl text-slate-600 dark:text-slate-300">{lead}</p>
      <p className={`mt-1 font-bold leading-tight text-auth-server dark:text-violet-300 ${compact ? 'text-4xl' : 'text-5xl'}`}>
        {client.client_name}
        {doc && <span className="ml-3 align-middle text-lg font-semibold text-amber-800 dark:text-amber-300">(self-asserted name)</span>}
      </p>
      <dl className={`${compact ? 'mt-2' : 'mt-4'} grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-lg`}>
        <dt className="text-slate-600 dark:text-slate-300">client_id</dt>
        <dd className="font-mono break-all">{client.client_id}</dd>
        <dt className="text-slate-600 dark:text-slate-300">redirect_uri</dt>
        <dd className="font-mono break-all">{redirectUri}</dd>
      </dl>
      {doc && (
        <section aria-label="Client ID metadata document" className="mt-4 rounded border border-amber-400 p-3 text-base">
          <p>
            This client has no registration here. Its client_id is a URL: the authorization server fetched the client ID metadata document at{' '}
            <span className="font-mono break-all">{doc.url}</span> at {new Date(doc.fetched_at * 1000).toISOString()} and checked only that its client_id is that
            URL and that the redirect URI is one it lists. Everything else, the name included, is what the document claims about itself.
          </p>
          <details className="mt-2">
            <summary className="cursor-pointer font-semibold">What the document claimed</summary>
            <pre className="mt-1 overflow-x-auto text-sm">{JSON.stringify(doc.document, null, 2)}</pre>
          </details>
        </section>
      )}
    </div>
  );
}
