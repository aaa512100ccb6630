'use client';
import { useEffect, useState } from 'react';
import { describeFailure, FAILURE_KINDS, MAX_DELAY_MS, MAX_FAILURE_COUNT, type FailurePlan } from '@/lib/timeline/failure-plan';
import { runApi } from './run-api-client';

const button =
  'rounded border border-slate-400 bg-white px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-500 dark:bg-slate-900 dark:hover:bg-slate-800';
const field = 'rounded border border-slate-400 bg-white px-1 py-0.5 dark:border-slate-500 dark:bg-slate-900';

/** Every endpoint:kind choice, in the words the timeline uses. */
const CHOICES = Object.entries(FAILURE_KINDS).flatMap(([endpoint, kinds]) => kinds.map((kind) => ({ value: `${endpoint}:${kind}`, endpoint, kind })));

/**
 * Failures on demand (run controls): the next N answers of an endpoint fail
 * on purpose, for testing one's own client. Each injected answer is marked
 * on the timeline as injected.
 */
export function FailureControls({ busy, act }: { busy: boolean; act: (what: string, f: () => Promise<unknown>) => Promise<void> }) {
  const [plans, setPlans] = useState<FailurePlan[]>([]);
  const [choice, setChoice] = useState(CHOICES[0]!.value);
  const [count, setCount] = useState('1');
  const [delayMs, setDelayMs] = useState('2000');
  const refresh = () => runApi.failures().then((r) => setPlans(r.failures), () => setPlans([]));
  useEffect(() => void refresh(), []);
  const [endpoint, kind] = choice.split(':') as [string, string];
  return (
    <fieldset className="min-w-0 rounded border border-slate-300 p-2 dark:border-slate-700">
      <legend className="px-1 text-sm font-semibold">Failures on demand</legend>
      <form
        className="flex flex-wrap items-center gap-2 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void act('Failures planned', async () => {
            const r = await runApi.planFailures({ endpoint, kind, count: Number(count), ...(kind === 'delay' ? { delayMs: Number(delayMs) } : {}) });
            setPlans(r.failures);
          });
        }}
      >
        <label className="flex items-center gap-1">
          Make fail
          <select className={field} value={choice} onChange={(e) => setChoice(e.target.value)}>
            {CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.endpoint}: {c.kind}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Next answers
          <input className={`${field} w-14`} type="number" min={0} max={MAX_FAILURE_COUNT} value={count} onChange={(e) => setCount(e.target.value)} />
        </label>
        {kind === 'delay' && (
          <label className="flex items-center gap-1">
            Delay (ms, at most {MAX_DELAY_MS})
            <input className={`${field} w-20`} type="number" min={1} max={MAX_DELAY_MS} value={delayMs} onChange={(e) => setDelayMs(e.target.value)} />
          </label>
        )}
        <button type="submit" className={button} disabled={busy}>
          Plan failures
        </button>
      </form>
      <ul aria-label="Planned failures" className="mt-1 text-sm">
        {plans.map((p) => (
          <li key={p.endpoint}>
            Next {p.remaining}: {describeFailure(p)}
          </li>
        ))}
      </ul>
      {plans.length > 0 && (
        <button type="button" className={`${button} mt-1`} disabled={busy} onClick={() => void act('Failures cleared', async () => setPlans((await runApi.clearFailures()).failures))}>
          Clear failures
        </button>
      )}
    </fieldset>
  );
}
