'use client';
import type { KeyboardEvent } from 'react';
import type { Party, TimelineEvent } from '@/lib/timeline/events';
import { eventAccessibleName, eventTime, httpLine } from '@/lib/timeline/format';
import { arrowFor, laneRoute, visibleLanes } from '@/lib/timeline/lanes';
import { arrowEnds } from '@/lib/timeline/diagram';
import { OUTCOME_STYLE, PARTY_LANE, PARTY_TEXT } from './outcome-style';
import { EventErrorBoundary } from './event-boundary';
import { laneHeading } from './sequence-diagram';

const pct = (lane: number, lanes: readonly Party[]) => `${((lane + 0.5) / lanes.length) * 100}%`;

/** The lane names, aligned with the arrows below them. */
function LaneHeader({ lanes, compact = false }: { lanes: readonly Party[]; compact?: boolean }) {
  return (
    <div className={`sticky top-0 z-10 grid bg-white dark:bg-slate-950 ${compact ? 'grid-cols-[3rem_1fr]' : 'grid-cols-[5rem_1fr]'} items-end border-b-2 border-slate-300 pb-1 dark:border-slate-600`} aria-hidden="true">
      <span />
      <span className="grid text-center font-semibold" style={{ gridTemplateColumns: `repeat(${lanes.length}, minmax(0, 1fr))` }}>
        {lanes.map((p) => (
          <span key={p} lang="en" className={`${PARTY_TEXT[p]} ${compact ? 'text-xs' : 'text-sm'} px-0.5 leading-tight hyphens-manual [overflow-wrap:anywhere]`}>
            {laneHeading(p)}
          </span>
        ))}
      </span>
    </div>
  );
}

function Arrow({ event, lanes }: { event: TimelineEvent; lanes: readonly Party[] }) {
  // Drawn as the protocol sends it: an answer from the answerer, whichever way its record names the parties.
  const a = arrowFor(arrowEnds(event), lanes);
  const style = OUTCOME_STYLE[event.outcome];
  return (
    <span className="relative block h-5" aria-hidden="true">
      {lanes.map((p, i) => (
        <span key={p} className={`absolute top-0 bottom-0 w-px ${PARTY_LANE[p]}`} style={{ left: pct(i, lanes) }} />
      ))}
      {a.direction === 'self' ? (
        <span className={`absolute top-1/2 size-3 -translate-x-1/2 -translate-y-1/2 rounded-full ${style.line}`} style={{ left: pct(a.from, lanes) }} />
      ) : (
        <>
          <span className={`absolute top-1/2 size-2 -translate-x-1/2 -translate-y-1/2 rounded-full ${style.line}`} style={{ left: pct(a.from, lanes) }} />
          <span
            className={`absolute top-1/2 h-0.5 -translate-y-1/2 ${style.line}`}
            style={{ left: pct(a.left, lanes), width: `${((a.right - a.left) / lanes.length) * 100}%` }}
          />
          <span
            className={`absolute top-1/2 -translate-y-1/2 border-y-[6px] border-y-transparent ${
              a.direction === 'right' ? '-translate-x-full border-l-[10px] border-l-current' : 'border-r-[10px] border-r-current'
            } ${style.text}`}
            style={{ left: pct(a.to, lanes) }}
          />
        </>
      )}
    </span>
  );
}

/** Up and Down (and Home, End) move between events, so a long timeline is not a long walk with Tab. */
function moveFocus(k: KeyboardEvent<HTMLOListElement>) {
  const step = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity }[k.key];
  if (step === undefined) return;
  const buttons = [...k.currentTarget.querySelectorAll<HTMLButtonElement>(':scope > li > button')];
  const at = buttons.findIndex((b) => b === document.activeElement);
  if (at < 0) return;
  k.preventDefault();
  const next = Math.max(0, Math.min(buttons.length - 1, Number.isFinite(step) ? at + step : step > 0 ? buttons.length - 1 : 0));
  buttons[next]?.focus();
}

interface SequenceViewProps {
  events: readonly TimelineEvent[];
  selectedSeq?: number;
  onSelect: (event: TimelineEvent) => void;
  compact?: boolean;
  label?: string;
}

/**
 * The sequence view: one row per event, an arrow from lane to lane coloured
 * by outcome, with its one-line summary. The events are a list of buttons
 * with accessible names; Enter or a click opens the detail.
 */
export function SequenceView({ events, selectedSeq, onSelect, compact = false, label = 'Timeline events' }: SequenceViewProps) {
  const lanes = visibleLanes(events);
  return (
    <div>
      <LaneHeader lanes={lanes} compact={compact} />
      <ol aria-label={label} onKeyDown={moveFocus} className="divide-y divide-slate-200 dark:divide-slate-800">
        {events.map((e) => {
          const selected = e.seq === selectedSeq;
          const style = OUTCOME_STYLE[e.outcome];
          const line = httpLine(e.http);
          return (
            <EventErrorBoundary key={e.seq} as="li" what={`Event #${e.seq}`} resetKey={e}>
              <li data-seq={e.seq} data-type={e.type} data-outcome={e.outcome} data-from={e.from} data-to={e.to}>
                <button
                  type="button"
                  aria-label={eventAccessibleName(e)}
                  aria-current={selected ? 'true' : undefined}
                  onClick={() => onSelect(e)}
                  className={`grid w-full ${compact ? 'grid-cols-[3rem_1fr] py-1' : 'grid-cols-[5rem_1fr] py-2'} border-l-4 text-left ${style.head} ${
                    selected ? 'bg-sky-100 dark:bg-sky-950' : 'hover:bg-slate-100 dark:hover:bg-slate-900'
                  } focus-visible:outline-3 focus-visible:outline-offset-[-3px] focus-visible:outline-sky-600`}
                >
                  <span className="pl-1 font-mono text-xs leading-tight text-slate-600 dark:text-slate-400">
                    #{e.seq}
                    {!compact && <span className="block">{eventTime(e.at).slice(0, 8)}</span>}
                  </span>
                  <span className="min-w-0">
                    <Arrow event={e} lanes={lanes} />
                    <span className={`mt-0.5 block ${compact ? 'text-sm' : ''} leading-snug`}>
                      <span className={`mr-2 rounded px-1.5 py-px text-xs font-semibold uppercase ${style.badge}`}>{e.outcome}</span>
                      {e.injected && <span className="mr-2 rounded border border-fuchsia-700 px-1.5 py-px text-xs font-semibold uppercase text-fuchsia-800 dark:text-fuchsia-300">injected</span>}
                      <span className="font-semibold">{laneRoute(e)}:</span> {e.summary}
                    </span>
                    {!compact && line && <span className="block truncate font-mono text-xs text-slate-600 dark:text-slate-400">{line}</span>}
                  </span>
                </button>
              </li>
            </EventErrorBoundary>
          );
        })}
      </ol>
    </div>
  );
}
