'use client';
import { useCallback, useMemo, useRef, useState } from 'react';
import { scenarioProgress, scenarioStart } from '@/lib/scenarios/expectations';
import type { Scenario } from '@/lib/scenarios/types';
import { useRunTimeline } from '@/components/timeline/use-run-timeline';

async function problemText(r: Response): Promise<string> {
  try {
    const p = (await r.json()) as { detail?: string; title?: string };
    return p.detail ?? p.title ?? `HTTP ${r.status}`;
  } catch {
    return `HTTP ${r.status}`;
  }
}

/**
 * One scenario on the visitor's live run: the progress of each step judged
 * from the timeline, and Play / Step / Start over, which ask the sandbox to
 * play the browser (POST .../scenarios/{id}/play).
 */
export function useScenarioPlayer(scenario: Scenario) {
  const live = useRunTimeline(true);
  const [next, setNext] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const stop = useRef(false);
  // Only what happened since this scenario's own start counts and is drawn: events from before it was started are not its steps.
  const start = useMemo(() => scenarioStart(live.events, scenario.id), [live.events, scenario.id]);
  const events = useMemo(() => (start === undefined ? [] : live.events.filter((e) => e.seq >= start)), [live.events, start]);
  const progress = useMemo(() => scenarioProgress(scenario.steps, live.events, scenario.id), [scenario.steps, live.events, scenario.id]);

  const playOne = useCallback(
    async (index: number): Promise<boolean> => {
      const r = await fetch(`/api/runs/current/scenarios/${scenario.id}/play`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ step: index + 1 }),
      });
      if (!r.ok) {
        setError(`Step ${index + 1} could not be played: ${await problemText(r)}`);
        return false;
      }
      if (index === 0) live.reload();
      setNext(index + 1);
      return true;
    },
    [scenario.id, live],
  );

  const run = useCallback(
    async (what: () => Promise<void>) => {
      setBusy(true);
      setError(undefined);
      try {
        await what();
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  const step = useCallback(() => run(async () => void (await playOne(next >= scenario.steps.length ? 0 : next))), [run, playOne, next, scenario.steps.length]);
  const play = useCallback(
    () =>
      run(async () => {
        stop.current = false;
        const from = next >= scenario.steps.length ? 0 : next;
        for (let i = from; i < scenario.steps.length && !stop.current; i++) if (!(await playOne(i))) break;
      }),
    [run, playOne, next, scenario.steps.length],
  );
  const startOver = useCallback(
    () =>
      run(async () => {
        stop.current = true;
        const r = await fetch(`/api/runs/current/reset?scenario=${encodeURIComponent(scenario.id)}`, { method: 'POST' });
        if (!r.ok) throw new Error(`Reset failed: ${await problemText(r)}`);
        if (scenario.settings) {
          const s = await fetch('/api/runs/current', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(scenario.settings) });
          if (!s.ok) throw new Error(`Settings failed: ${await problemText(s)}`);
        }
        setNext(0);
        live.reload();
      }),
    [run, live, scenario.settings, scenario.id],
  );

  const done = progress.filter((p) => p.done).length;
  return { live, events, started: start !== undefined, progress, next, busy, error, play, step, startOver, done };
}
