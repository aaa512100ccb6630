import type { Metadata } from 'next';
import Link from 'next/link';
import { PartyFrame } from '@/components/party-frame';
import { pageOrigin } from '@/lib/http/page-origin';
import { QUESTIONS, SCENARIOS } from '@/lib/scenarios/library';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Scenarios · OAuth Sandbox' };

/** Every scenario, grouped by the question it answers, one line each. */
export default async function ScenariosPage() {
  const origin = await pageOrigin();
  return (
    <PartyFrame party="sandbox" url={`${origin}/scenarios`}>
      <h1 className="text-3xl font-bold">Scenarios</h1>
      <p className="mt-2 max-w-3xl text-lg">
        Each scenario is a short flow you can step through yourself, have the sandbox play for you, or present to a room. Everything it does lands on your
        own <Link href="/timeline" className="underline">timeline</Link>.
      </p>
      {QUESTIONS.map((q) => (
        <section key={q.id} aria-labelledby={`q-${q.id}`} className="mt-8">
          <h2 id={`q-${q.id}`} className="text-2xl font-semibold">{q.title}</h2>
          <ul className="mt-2 space-y-1">
            {SCENARIOS.filter((s) => s.question === q.id).map((s) => (
              <li key={s.id} className="text-lg">
                <Link href={`/scenarios/${s.id}`} className="font-semibold underline">{s.title}</Link>{' '}
                <code className="font-mono text-sm text-slate-600 dark:text-slate-400">{s.id}</code>: {s.summary}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PartyFrame>
  );
}
