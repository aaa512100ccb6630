'use client';
import { OUTSIDE_NOTE } from '@/lib/timeline/attribution';
import { useEffect, useRef } from 'react';
import type { TimelineEvent } from '@/lib/timeline/events';
import { explainEvent } from '@/lib/timeline/explain-event';
import { explanationAnchor, QUESTIONS } from '@/lib/timeline/explanations';
import { requestKey } from '@/lib/timeline/diagram';
import { isOneRequest } from '@/lib/timeline/exchange';
import { eventTime } from '@/lib/timeline/format';
import { laneRoute } from '@/lib/timeline/lanes';
import { safeJson } from '@/lib/timeline/safe-format';
import { ChecklistView } from './checklist-view';
import { consentDecided } from '@/lib/timeline/checklist';
import { ConsentView } from './consent-view';
import { HttpMessageView } from './http-message';
import { OUTCOME_STYLE } from './outcome-style';
import { TokenCard } from './token-card';

/** In a flow of several requests, each step's own request line ("GET /.well-known/oauth-protected-resource/rs"), so nobody takes them for one. */
function RequestLine({ event }: { event: TimelineEvent }) {
  const line = requestKey(event);
  return line ? <code className="mr-1 font-mono text-xs">{line}{event.http?.response?.status !== undefined ? ` → ${event.http.response.status}` : ''}:</code> : null;
}

interface EventDetailProps {
  event: TimelineEvent;
  /** The run's now (wall clock plus the run's clock offset), for "expires in 4 min". */
  nowSeconds: number;
  onClose: () => void;
  /** Revoke a token by hand (the live run only; an imported run is read only). */
  onRevoke?: (raw: string) => Promise<string>;
  /** The other events recorded while handling the same HTTP request, in order, and how to open one. */
  exchange?: readonly TimelineEvent[];
  onSelect?: (event: TimelineEvent) => void;
}

/**
 * One event laid open: what happened and why (with the RFC section), the raw
 * HTTP exchange, every token decoded beside its raw string, the ordered
 * checklist, and for consent the scopes asked versus granted.
 */
export function EventDetailView({ event, nowSeconds, onClose, onRevoke, exchange = [], onSelect }: EventDetailProps) {
  // Several request lines: the party made its own calls while handling one request (steps of one flow, each its own HTTP request).
  const oneRequest = isOneRequest(exchange);
  // The raw HTTP is attached to the first event of its request; a later step of the same request shows it too, never another request's:
  // in a flow of several, only the handling party's own step (a check inside the resource server's GET) shows the request it handled.
  const first = exchange[0];
  const handlersOwn = first?.http !== undefined && event.from === event.to && event.to === first.to;
  const httpFrom = event.http ? event : oneRequest ? exchange.find((e) => e.http) : handlersOwn ? first : undefined;
  const http = httpFrom?.http;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [event.seq]);
  const explanation = explainEvent(event);
  const style = OUTCOME_STYLE[event.outcome];
  return (
    <section
      aria-label="Event detail"
      className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-950"
      onKeyDown={(k) => k.key === 'Escape' && onClose()}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 ref={heading} tabIndex={-1} className="text-lg font-bold focus:outline-none">
          <span className={`mr-2 rounded px-1.5 py-px align-middle text-xs font-semibold uppercase ${style.badge}`}>{event.outcome}</span>
          #{event.seq} {laneRoute(event)}: {event.summary}
        </h3>
        <button type="button" onClick={onClose} className="rounded border border-slate-400 px-2 py-0.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
          Close detail
        </button>
      </div>
      <p className="mt-1 font-mono text-xs text-slate-600 dark:text-slate-400">
        {event.type} · {eventTime(event.at)}
      </p>
      {event.outside && (
        <p role="note" className="mt-2 rounded border border-amber-600 bg-amber-50 p-2 text-sm dark:bg-amber-950/50">
          <strong>From outside:</strong> {OUTSIDE_NOTE.replace(/^From outside: /, '')}
        </p>
      )}
      {event.injected && (
        <p role="note" className="mt-2 rounded border border-fuchsia-700 bg-fuchsia-50 p-2 text-sm dark:bg-fuchsia-950/50">
          <strong>Injected failure:</strong> the sandbox made this answer fail on purpose ({event.injected.endpoint}: {event.injected.kind}), because the run’s
          owner planned it under Failures on demand. It is not a real fault.
        </p>
      )}

      <aside aria-label="What happened" className="mt-3 rounded bg-sky-50 p-3 dark:bg-sky-950/50">
        <p className="font-semibold">{explanation.title}</p>
        {explanation.question && <p className="text-sm italic">{QUESTIONS[explanation.question]}</p>}
        <p className="mt-1">{explanation.text}</p>
        <p className="mt-1 text-sm">
          {explanation.sections.map((s) => (
            <a key={s.label} href={s.href} target="_blank" rel="noreferrer" className="mr-3 underline">
              {s.label}
            </a>
          ))}
          <a href={`/timeline/explain#${explanationAnchor(event.type)}`} className="underline">
            All explanations
          </a>
        </p>
      </aside>

      <div className="mt-4 space-y-4">
        {event.consent && <ConsentView consent={event.consent} decided={consentDecided(event.type)} />}
        {event.checks && event.checks.length > 0 && <ChecklistView checks={event.checks} />}
        {event.tokens && event.tokens.length > 0 && (
          <section aria-label="Tokens" className="space-y-2">
            <h4 className="font-semibold">Tokens</h4>
            {event.tokens.map((t, i) => (
              <TokenCard key={`${t.kind}-${i}`} token={t} nowSeconds={nowSeconds} {...(onRevoke ? { onRevoke } : {})} />
            ))}
          </section>
        )}
        {exchange.length > 1 && onSelect && (
          <nav aria-label={oneRequest ? 'Same HTTP request' : 'Same flow'}>
            <h4 className="font-semibold">{oneRequest ? 'Steps of the same HTTP request' : 'Steps of the same flow, each its own HTTP request'}</h4>
            <ol className="mt-1 space-y-0.5 text-sm">
              {exchange.map((e) => (
                <li key={e.seq}>
                  {e.seq === event.seq ? (
                    <span className="font-semibold">
                      #{e.seq} {laneRoute(e)}: {!oneRequest && <RequestLine event={e} />}{e.summary} (this event)
                    </span>
                  ) : (
                    <button type="button" className="text-left underline" onClick={() => onSelect(e)}>
                      #{e.seq} {laneRoute(e)}: {!oneRequest && <RequestLine event={e} />}{e.summary}
                    </button>
                  )}
                </li>
              ))}
            </ol>
          </nav>
        )}
        {http && (http.request || http.response) && (
          <section aria-label="Raw HTTP" className="space-y-2">
            <h4 className="font-semibold">Raw HTTP{httpFrom !== event && httpFrom ? ` (of this request, recorded with event #${httpFrom.seq})` : ''}</h4>
            <div className="grid gap-2">
              {http.request && <HttpMessageView title="Request" message={http.request} />}
              {http.response && <HttpMessageView title="Response" message={http.response} />}
            </div>
          </section>
        )}
        {event.data && Object.keys(event.data).length > 0 && (
          <section aria-label="Data">
            <h4 className="font-semibold">Data</h4>
            <pre className="overflow-auto rounded bg-slate-100 p-2 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere] dark:bg-slate-900">{safeJson(event.data)}</pre>
          </section>
        )}
      </div>
    </section>
  );
}
