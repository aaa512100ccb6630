import type { ReactNode } from 'react';
import { DisplayToggles } from './timeline/display-toggles';

type PartyName = 'sandbox' | 'auth-server' | 'client' | 'resource-server';

/** Each party's name, colours, and its human page (what it is, its endpoints, its metadata). */
const PARTY: Record<PartyName, { title: string; bar: string; soft: string; page: string }> = {
  sandbox: { title: 'OAuth Sandbox', bar: 'bg-sandbox', soft: 'bg-sandbox-soft', page: '/' },
  'auth-server': { title: 'Authorization server', bar: 'bg-auth-server', soft: 'bg-auth-server-soft', page: '/as' },
  client: { title: 'Client app: Notes Assistant', bar: 'bg-client', soft: 'bg-client-soft', page: '/client' },
  'resource-server': { title: 'Resource server: Notes API', bar: 'bg-resource-server', soft: 'bg-resource-server-soft', page: '/rs' },
};

/**
 * The frame of every page: a header in the party's colour that names the
 * party and its URL, so a learner always sees whose page the browser is on;
 * it links home (the sandbox) and to the party's own page, and holds the
 * display toggles (dark mode, large type) that every page follows. A party
 * with more than one app (the client party: Notes Assistant, Notes Agent)
 * names the app whose page this is with `title` and `page`.
 */
export function PartyFrame({
  party,
  url,
  children,
  wide = false,
  title,
  page,
}: {
  party: PartyName;
  url: string;
  children: ReactNode;
  wide?: boolean;
  title?: string;
  page?: string;
}) {
  const p = { ...PARTY[party], ...(title ? { title } : {}), ...(page ? { page } : {}) };
  return (
    <div className={`min-h-screen ${p.soft} dark:bg-slate-950`}>
      <header className={`${p.bar} text-white`} data-party={party}>
        <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-6 py-3">
          <nav aria-label="Site" className="flex flex-wrap items-baseline gap-x-3">
            {party === 'sandbox' ? (
              <a href="/" className="text-lg font-semibold underline">
                {p.title}
              </a>
            ) : (
              <>
                <a href="/" className="font-semibold underline">
                  OAuth Sandbox home
                </a>
                <span aria-hidden="true">›</span>
                <a href={p.page} className="text-lg font-semibold underline">
                  {p.title}
                </a>
              </>
            )}
          </nav>
          <div className="flex flex-wrap items-center gap-3">
            <p className="font-mono text-sm">{url}</p>
            <DisplayToggles />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`mx-auto ${wide ? 'max-w-screen-2xl' : 'max-w-5xl'} px-6 py-8 outline-none`}>
        {children}
      </main>
    </div>
  );
}
