import type { Check } from '@/lib/timeline/events';
import { checklistView } from '@/lib/timeline/checklist';

/** The ordered checks of a verification or policy step: pass or fail, and the reason. */
export function ChecklistView({ checks }: { checks: readonly Check[] }) {
  const list = checklistView(checks);
  return (
    <section aria-label="Checks">
      <h4 className="font-semibold">Checks, in order</h4>
      <p className="text-sm">{list.summary}</p>
      <ol className="mt-1 space-y-1">
        {list.items.map((c) => (
          <li
            key={c.step}
            aria-label={`${c.step}. ${c.name}: ${c.passed ? 'passed' : 'failed'}, ${c.reason}`}
            className={`grid grid-cols-[2rem_4.5rem_1fr] gap-2 rounded border-l-4 px-2 py-1 ${
              c.passed ? 'border-l-ok bg-green-50 dark:border-l-green-400 dark:bg-green-950/40' : 'border-l-denied bg-red-50 dark:border-l-red-400 dark:bg-red-950/40'
            }`}
          >
            <span className="font-mono">{c.step}.</span>
            <span className={`font-semibold ${c.passed ? 'text-ok dark:text-green-300' : 'text-denied dark:text-red-300'}`}>{c.passed ? '✓ pass' : '✗ fail'}</span>
            <span>
              <span className="font-semibold">{c.name}</span>
              <span className="block text-sm">{c.reason}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
