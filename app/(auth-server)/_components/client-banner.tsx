import type { RegisteredClient } from '@/lib/auth-server/clients';

/** Names the client that is asking, large: the learner must see who wants access. */
export function ClientBanner({ client, redirectUri, lead }: { client: RegisteredClient; redirectUri: string; lead: string }) {
  return (
    <div className="rounded-lg border-l-8 border-auth-server bg-white p-6 shadow-sm dark:bg-slate-900">
      <p className="text-xl text-slate-600 dark:text-slate-300">{lead}</p>
      <p className="mt-1 text-5xl font-bold leading-tight text-auth-server dark:text-violet-300">{client.client_name}</p>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-lg">
        <dt className="text-slate-600 dark:text-slate-300">client_id</dt>
        <dd className="font-mono">{client.client_id}</dd>
        <dt className="text-slate-600 dark:text-slate-300">redirect_uri</dt>
        <dd className="font-mono break-all">{redirectUri}</dd>
      </dl>
    </div>
  );
}
