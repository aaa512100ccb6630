import type { Metadata } from 'next';
import Link from 'next/link';
import { PartyFrame } from '@/components/party-frame';
import { EXPLANATIONS, explanationAnchor, QUESTIONS, type Explanation } from '@/lib/timeline/explanations';
import { pageOrigin } from '@/lib/http/page-origin';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'What each event means · OAuth Sandbox' };

/** Every kind of timeline event, what it means and where the RFC says so; grouped under DESIGN.md's three questions. */
export default async function ExplainPage() {
  const origin = await pageOrigin();
  const entries = Object.entries(EXPLANATIONS) as [string, Explanation][];
  return (
    <PartyFrame party="sandbox" url={`${origin}/timeline/explain`}>
      <h1 className="text-3xl font-bold">What each event means</h1>
      <p className="mt-2">
        <Link href="/timeline" className="underline">Back to the timeline</Link>
      </p>
      <section aria-labelledby="questions" className="mt-6">
        <h2 id="questions" className="text-xl font-semibold">The three questions</h2>
        <ol className="mt-2 list-decimal space-y-2 pl-6">
          {(Object.keys(QUESTIONS) as (keyof typeof QUESTIONS)[]).map((q) => (
            <li key={q}>
              <p className="font-semibold">{QUESTIONS[q]}</p>
              {q === 'permissions' ? (
                <p className="text-sm">
                  Try it: <Link href="/timeline/scopes" className="underline">Scopes and rules</Link> defines your own scopes and what the Notes API makes of them.
                </p>
              ) : null}
              <p className="text-sm">
                Answered by:{' '}
                {entries
                  .filter(([, e]) => e.question === q)
                  .map(([type]) => (
                    <a key={type} href={`#${explanationAnchor(type)}`} className="mr-2 font-mono underline">
                      {type}
                    </a>
                  ))}
              </p>
            </li>
          ))}
        </ol>
      </section>
      <dl className="mt-8 space-y-4">
        {entries.map(([type, e]) => (
          <div key={type} id={explanationAnchor(type)} className="scroll-mt-4 rounded border border-slate-300 p-3 target:border-sky-600 target:ring-2 target:ring-sky-600 dark:border-slate-700">
            <dt>
              <span className="font-semibold">{e.title}</span> <span className="font-mono text-sm">{type}</span>
            </dt>
            <dd className="mt-1">
              {e.question && <p className="text-sm italic">{QUESTIONS[e.question]}</p>}
              <p>{e.text}</p>
              <p className="mt-1 text-sm">
                {e.sections.map((s) => (
                  <a key={s.label} href={s.href} className="mr-3 underline" target="_blank" rel="noreferrer">
                    {s.label}
                  </a>
                ))}
              </p>
            </dd>
          </div>
        ))}
      </dl>
    </PartyFrame>
  );
}
