import type { ReactNode } from 'react';
import type { Explanation } from '@/lib/client-app/explain';

const TONE: Record<Explanation['tone'], string> = {
  ok: 'border-ok bg-green-50',
  denied: 'border-denied bg-red-50',
  error: 'border-error bg-rose-50',
};

/** What an action led to, in plain words, with what the user can do next. A region named `label`. */
export function OutcomeBanner({ label, explanation, children }: { label: string; explanation: Explanation; children?: ReactNode }) {
  return (
    <section aria-label={label} className={`mt-6 rounded-lg border-l-8 p-5 ${TONE[explanation.tone]}`}>
      <div role={explanation.tone === 'ok' ? 'status' : 'alert'}>
        <p className="text-2xl font-semibold">{explanation.headline}</p>
        <p className="mt-2 text-lg">{explanation.text}</p>
      </div>
      {children ? <div className="mt-4 flex flex-wrap gap-3">{children}</div> : null}
    </section>
  );
}
