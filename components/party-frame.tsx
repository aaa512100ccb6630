import type { ReactNode } from 'react';

export type PartyName = 'sandbox' | 'auth-server' | 'client' | 'resource-server';

const PARTY: Record<PartyName, { title: string; bar: string; soft: string }> = {
  sandbox: { title: 'OAuth Sandbox', bar: 'bg-sandbox', soft: 'bg-sandbox-soft' },
  'auth-server': { title: 'Authorization server', bar: 'bg-auth-server', soft: 'bg-auth-server-soft' },
  client: { title: 'Client app: Notes Assistant', bar: 'bg-client', soft: 'bg-client-soft' },
  'resource-server': { title: 'Resource server: Notes API', bar: 'bg-resource-server', soft: 'bg-resource-server-soft' },
};

/**
 * The frame of every page: a header in the party's colour that names the
 * party and its URL, so a learner always sees whose page the browser is on.
 */
export function PartyFrame({ party, url, children, wide = false }: { party: PartyName; url: string; children: ReactNode; wide?: boolean }) {
  const p = PARTY[party];
  return (
    <div className={`min-h-screen ${p.soft} dark:bg-slate-950`}>
      <header className={`${p.bar} text-white`} data-party={party}>
        <div className="mx-auto flex max-w-5xl flex-wrap items-baseline justify-between gap-2 px-6 py-3">
          <p className="text-lg font-semibold">{p.title}</p>
          <p className="font-mono text-sm opacity-90">{url}</p>
        </div>
      </header>
      <main className={`mx-auto ${wide ? 'max-w-screen-2xl' : 'max-w-5xl'} px-6 py-8`}>{children}</main>
    </div>
  );
}
