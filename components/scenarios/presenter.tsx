'use client';
import { useEffect, useState } from 'react';
import { DisplayToggles } from '@/components/timeline/display-toggles';
import { SequenceDiagram } from '@/components/timeline/sequence-diagram';
import { describeExpectation } from '@/lib/scenarios/expectations';
import type { Scenario } from '@/lib/scenarios/types';
import { STARTS_AFRESH_PRESENTER } from './starts-afresh';
import { useScenarioPlayer } from './use-scenario-player';

/**
 * Presenter mode: large type, one step at a time with its narration, the
 * diagram growing beside it. Keyboard only: → or Space plays the next step,
 * ← goes back to the previous narration, R starts over, Esc leaves.
 */
export function Presenter({ scenario }: { scenario: Scenario }) {
  const p = useScenarioPlayer(scenario);
  // The narration on screen: -1 is the title card.
  const [at, setAt] = useState(-1);
  // Set once the key listener is attached: keys pressed before hydration would be lost.
  const [ready, setReady] = useState(false);
  const step = at >= 0 ? scenario.steps[at] : undefined;
  const progress = at >= 0 ? p.progress[at] : undefined;

  useEffect(() => {
    const onKey = (k: KeyboardEvent) => {
      if (k.altKey || k.ctrlKey || k.metaKey || (k.target instanceof HTMLElement && k.target.closest('input, textarea, select'))) return;
      if (k.key === 'ArrowRight' || k.key === ' ') {
        k.preventDefault();
        if (p.busy || at + 1 >= scenario.steps.length) return;
        const nextAt = at + 1;
        setAt(nextAt);
        // Play only what has not been played yet; after ←, → walks forward through narrations already played.
        if (nextAt >= p.next) void p.step();
      } else if (k.key === 'ArrowLeft') {
        k.preventDefault();
        setAt((a) => Math.max(-1, a - 1));
      } else if (k.key === 'r' || k.key === 'R') {
        k.preventDefault();
        setAt(-1);
        void p.startOver();
      } else if (k.key === 'Escape') {
        window.location.assign(`/scenarios/${scenario.id}`);
      }
    };
    window.addEventListener('keydown', onKey);
    setReady(true);
    return () => window.removeEventListener('keydown', onKey);
  }, [p, at, scenario.id, scenario.steps.length]);

  return (
    <div className="grid min-h-[calc(100vh-4rem)] gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <section aria-label="Presenter" aria-live="polite" data-ready={ready ? 'yes' : 'no'} className="min-w-0 text-2xl leading-snug">
        <p className="text-lg text-slate-600 dark:text-slate-400">
          {scenario.title} · {at < 0 ? `${scenario.steps.length} steps` : `Step ${at + 1} of ${scenario.steps.length}`}
        </p>
        {step ? (
          <>
            <h1 className="mt-2 text-4xl font-bold">{step.does}</h1>
            <p className="mt-6">{step.narration}</p>
            {step.cite ? <p className="mt-3 font-mono text-xl text-slate-600 dark:text-slate-400">{step.cite}</p> : null}
            <ul aria-label="The timeline must show" className="mt-6 space-y-1 text-xl">
              {step.expect.map((x, j) => {
                const v = progress?.verdicts[j];
                return (
                  <li key={j} className={v?.met ? 'text-ok dark:text-green-300' : 'text-slate-600 dark:text-slate-400'}>
                    {v?.met ? '☑' : '☐'} <code className="font-mono">{describeExpectation(x)}</code>
                  </li>
                );
              })}
            </ul>
            <p role="status" className="mt-6 text-xl font-semibold">
              {p.busy ? 'Playing…' : progress?.done ? `Step ${at + 1}: done` : `Step ${at + 1}: waiting for the timeline`}
            </p>
          </>
        ) : (
          <>
            <h1 className="mt-2 text-5xl font-bold">{scenario.title}</h1>
            <p className="mt-6">{scenario.summary}</p>
            <p role="status" className="mt-6 text-xl font-semibold">Press → or Space to play step 1.</p>
            <p className="mt-3 text-lg text-slate-700 dark:text-slate-300">{STARTS_AFRESH_PRESENTER}</p>
          </>
        )}
        {p.error ? <p role="alert" className="mt-4 text-xl text-denied dark:text-red-300">{p.error}</p> : null}
        <p className="mt-10 text-base text-slate-600 dark:text-slate-400">→ or Space: play the next step · ←: previous narration · R: start over · Esc: leave</p>
        <div className="mt-4">
          <DisplayToggles />
        </div>
      </section>
      <section aria-label="Live diagram" data-run-events={p.live.events.length} className="min-w-0">
        {/* Only what this presentation played: step 1 starts the run over, so an earlier start's events (another client, the agent) are leftovers. */}
        <SequenceDiagram events={p.next > 0 ? p.events : []} onSelect={() => undefined} />
      </section>
    </div>
  );
}
