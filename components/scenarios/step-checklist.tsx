import type { StepProgress } from '@/lib/scenarios/expectations';
import { describeExpectation } from '@/lib/scenarios/expectations';
import type { Scenario } from '@/lib/scenarios/types';
import { stepPage } from './step-link';

/**
 * The steps as a checklist: what to do (with a link to the page that has
 * the button), the narration, and each expectation ticked when the timeline
 * shows it, or what the timeline shows instead.
 */
export function StepChecklist({ scenario, progress, current }: { scenario: Scenario; progress: readonly StepProgress[]; current: number }) {
  return (
    <ol aria-label="Steps" className="space-y-3">
      {scenario.steps.map((step, i) => {
        const p = progress[i];
        const link = stepPage(step.action);
        const state = p?.done ? 'done' : i === current ? 'current' : 'to do';
        return (
          <li
            key={i}
            aria-label={`Step ${i + 1}: ${step.does} (${state})`}
            aria-current={i === current ? 'step' : undefined}
            className={`rounded-lg border-l-8 bg-white p-3 shadow-sm dark:bg-slate-900 ${p?.done ? 'border-ok dark:border-green-400' : i === current ? 'border-sky-600 dark:border-sky-400' : 'border-slate-300 dark:border-slate-700'}`}
          >
            <p className="font-semibold">
              <span className="mr-2 font-mono">{i + 1}.</span>
              {step.does}
              {p?.done ? <span className="ml-2 text-ok dark:text-green-300">✓ done</span> : null}
            </p>
            {link && !p?.done ? (
              <a href={link.href} target="_blank" rel="noopener" className="text-sm underline">
                {link.label}
              </a>
            ) : null}
            <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
              {step.narration} {step.cite ? <span className="font-mono text-xs">({step.cite})</span> : null}
            </p>
            <ul aria-label={`Step ${i + 1} expectations`} className="mt-1 space-y-0.5 text-sm">
              {step.expect.map((x, j) => {
                const v = p?.verdicts[j];
                return (
                  <li key={j} data-met={v?.met ? 'yes' : 'no'} className={v?.met ? 'text-ok dark:text-green-300' : 'text-slate-600 dark:text-slate-400'}>
                    <span aria-hidden="true">{v?.met ? '☑' : '☐'} </span>
                    <span className="sr-only">{v?.met ? 'met: ' : 'not yet: '}</span>
                    <code className="font-mono">{describeExpectation(x)}</code>
                    {v?.met && v.event ? <span className="text-xs"> (#{v.event.seq})</span> : null}
                    {!v?.met && v && i <= current ? <span className="text-xs"> ({v.instead})</span> : null}
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
