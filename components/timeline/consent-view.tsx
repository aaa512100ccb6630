import { consentComparison, consentDecided } from '@/lib/timeline/checklist';
import type { EventDetail } from '@/lib/timeline/events';

/**
 * Scopes asked for and scopes granted, side by side: read-only versus write is
 * plain to see. Before the user answers (`decided` false) the granted column
 * says so, rather than showing every scope as refused.
 */
export function ConsentView({ consent, decided }: { consent: NonNullable<EventDetail['consent']>; decided: boolean }) {
  const rows = consentComparison(consent);
  return (
    <section aria-label="Consent: asked versus granted">
      <h4 className="font-semibold">Consent: asked versus granted</h4>
      <table className="mt-1 w-full max-w-xl text-left">
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className="py-1">Scope</th>
            <th scope="col">Asked</th>
            <th scope="col">Granted</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.scope} className="border-b border-slate-200 dark:border-slate-800">
              <th scope="row" className="py-1 font-mono font-semibold">{r.scope}</th>
              <td>{r.asked ? 'asked' : '—'}</td>
              {decided ? (
                <td className={r.granted ? 'font-semibold text-ok dark:text-green-300' : 'font-semibold text-denied dark:text-red-300'}>
                  {r.granted ? '✓ granted' : '✗ not granted'}
                </td>
              ) : (
                <td className="text-slate-600 dark:text-slate-300">not decided yet</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
