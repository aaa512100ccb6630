'use client';
import { useState } from 'react';
import { EventDetailView } from '@/components/timeline/event-detail';
import { SequenceDiagram } from '@/components/timeline/sequence-diagram';
import type { Scenario } from '@/lib/scenarios/types';
import { STARTS_AFRESH } from './starts-afresh';
import { StepChecklist } from './step-checklist';
import { useScenarioPlayer } from './use-scenario-player';

const button = 'rounded-lg px-5 py-2 text-lg font-semibold disabled:opacity-60 focus-visible:outline-4 focus-visible:outline-sky-500';

/** The guided page: the steps beside the live diagram; Play, Step, Start over. */
export function ScenarioGuide({ scenario }: { scenario: Scenario }) {
  const p = useScenarioPlayer(scenario);
  const [selected, setSelected] = useState<number | undefined>();
  const current = p.progress.findIndex((s) => !s.done);
  const all = current < 0;
  const event = p.events.find((e) => e.seq === selected);
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <section aria-label="Scenario steps" className="min-w-0">
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={`${button} bg-sky-700 text-white`} disabled={p.busy} aria-describedby="starts-afresh" onClick={() => void p.play()}>
            Play
          </button>
          <button type="button" className={`${button} border-2 border-sky-700 text-sky-800 dark:border-sky-400 dark:text-sky-200`} disabled={p.busy} aria-describedby="starts-afresh" onClick={() => void p.step()}>
            Step
          </button>
          <button type="button" className={`${button} border-2 border-slate-400`} disabled={p.busy} aria-describedby="starts-afresh" onClick={() => void p.startOver()}>
            Start over
          </button>
          <a href={`/scenarios/${scenario.id}/present`} className="underline">Presenter mode</a>
        </div>
        <p id="starts-afresh" className="mt-3 rounded border-l-4 border-amber-600 bg-amber-50 p-2 text-sm dark:border-amber-400 dark:bg-amber-950/50">
          {STARTS_AFRESH}
        </p>
        <p role="status" className="mt-3 font-semibold">
          {p.busy ? `Playing step ${p.next + 1}…` : !p.started ? 'Not started: press Play, Step or Start over. Only what happens after the start counts.' : all ? `All ${scenario.steps.length} steps done.` : `${p.done} of ${scenario.steps.length} steps done.`}
        </p>
        {p.error ? (
          <p role="alert" className="mt-2 rounded border-l-8 border-denied bg-red-50 p-2 dark:bg-red-950/50">
            {p.error}
          </p>
        ) : null}
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          Do each step yourself in the real pages (the links open them), or press Play: the sandbox then plays your browser, making the same requests, on your own run.
        </p>
        <div className="mt-4">
          <StepChecklist scenario={scenario} progress={p.progress} current={all ? -1 : current} />
        </div>
      </section>
      <section aria-label="Live diagram" className="min-w-0">
        <SequenceDiagram events={p.events} selectedSeq={selected} onSelect={(e) => setSelected(e.seq === selected ? undefined : e.seq)} />
        {event ? (
          <div className="mt-4">
            <EventDetailView event={event} nowSeconds={Math.floor(Date.now() / 1000)} onClose={() => setSelected(undefined)} exchange={event.exchange ? p.events.filter((e) => e.exchange === event.exchange) : []} onSelect={(e) => setSelected(e.seq)} />
          </div>
        ) : null}
      </section>
    </div>
  );
}
