'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TimelineEvent } from '@/lib/timeline/events';
import type { RunExport } from '@/lib/timeline/export-format';
import { byCausalOrder, filterEvents, SHOW_ALL, type TimelineFilter } from '@/lib/timeline/filter';
import { DEFAULT_SETTINGS, type RunSettings } from '@/lib/runs/settings';
import { EventDetailView } from './event-detail';
import { EventErrorBoundary } from './event-boundary';
import { FilterControls } from './filter-controls';
import { LiveStatusBadge } from './live-status';
import { runApi } from './run-api-client';
import { RunControls } from './run-controls';
import { SequenceDiagram } from './sequence-diagram';
import { SequenceView } from './sequence-view';
import { useRunTimeline } from './use-run-timeline';

const events = (n: number) => `${n} ${n === 1 ? 'event' : 'events'}`;

/** "All 12 events shown", or "10 of 12 events shown: 2 hidden by the filter". */
export function shownCount(shown: number, all: number): string {
  if (shown === all) return `All ${events(all)} shown`;
  return `${shown} of ${events(all)} shown: ${all - shown} hidden by the filter`;
}

/** The newest event's row, in either view. */
function lastEventRow(): Element | undefined {
  return [...document.querySelectorAll('#timeline-events li[data-seq]')].at(-1);
}

function focusEvent(seq: number) {
  document.querySelector<HTMLButtonElement>(`li[data-seq="${seq}"] > button`)?.focus();
}

/** The full timeline page: run controls, filters, the sequence view and the detail of the chosen event. */
export function TimelineApp() {
  const [imported, setImported] = useState<RunExport | undefined>();
  const live = useRunTimeline(!imported);
  const [settings, setSettings] = useState<RunSettings>(DEFAULT_SETTINGS);
  const [filter, setFilter] = useState<TimelineFilter>(SHOW_ALL);
  const [selected, setSelected] = useState<number | undefined>();
  // The sequence diagram is the main view; the list says the same row by row (screen readers, long runs).
  const [view, setView] = useState<'diagram' | 'list'>('diagram');

  useEffect(() => {
    runApi.get().then((r) => setSettings(r.settings), () => undefined);
  }, []);
  // Settings changed elsewhere (another tab, curl) arrive as events: follow them.
  const lastSettingsEvent = [...live.events].reverse().find((e) => e.type === 'run.settings_changed' || e.type === 'run.reset');
  useEffect(() => {
    if (!lastSettingsEvent) return;
    const after = lastSettingsEvent.data?.after;
    if (lastSettingsEvent.type === 'run.reset') setSettings(DEFAULT_SETTINGS);
    else if (after && typeof after === 'object') setSettings({ ...DEFAULT_SETTINGS, ...(after as Partial<RunSettings>) });
  }, [lastSettingsEvent]);

  // Follow new events while the reader is at the foot of the page (as a terminal does).
  const foot = useRef({ count: 0, height: 0 });
  useEffect(() => {
    const doc = document.documentElement;
    const wasAtFoot = window.innerHeight + window.scrollY >= foot.current.height - 80;
    const arrived = foot.current.count > 0 ? live.events.length - foot.current.count : 0;
    // First load: the newest event in sight (what the reader just did), the ones before it above; not the oldest at the top.
    if (foot.current.count === 0 && live.events.length > 0) lastEventRow()?.scrollIntoView({ block: 'nearest' });
    else if (arrived > 0 && wasAtFoot && selected === undefined) window.scrollTo({ top: doc.scrollHeight });
    // Not following (the reader scrolled up, or reads an event): say that new events arrived, with a way to them.
    else if (arrived > 0) setUnseen((n) => n + arrived);
    foot.current = { count: live.events.length, height: doc.scrollHeight };
  }, [live.events.length, selected]);
  const [unseen, setUnseen] = useState(0);
  useEffect(() => {
    const atFoot = () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 80 && setUnseen(0);
    window.addEventListener('scroll', atFoot, { passive: true });
    return () => window.removeEventListener('scroll', atFoot);
  }, []);

  const all: TimelineEvent[] = useMemo(() => (imported ? [...imported.events].sort(byCausalOrder) : live.events), [imported, live.events]);
  const dropped = imported ? imported.dropped : live.dropped;
  const shown = useMemo(() => filterEvents(all, filter), [all, filter]);
  const event = all.find((e) => e.seq === selected);
  const nowSeconds = Math.floor(Date.now() / 1000) + (imported ? imported.settings.clockOffset : settings.clockOffset);
  const close = () => {
    const seq = selected;
    setSelected(undefined);
    if (seq !== undefined) setTimeout(() => focusEvent(seq), 0);
  };

  return (
    <div className="space-y-4">
      {/* Keyboard: the events are a few Tabs away, not past every control (WCAG 2.4.1). */}
      {/* One line for both (skip links first, so they come first after the main landmark), so the diagram of a played scenario fits a 1280×800 screen. */}
      <div className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
        <nav aria-label="On this page" className="flex gap-4">
          <a className="underline" href="#timeline-events">
            Skip to the events
          </a>
          <a className="underline" href="#run-controls-group">
            Skip to the run controls
          </a>
        </nav>
        <nav aria-label="Sandbox" className="flex gap-4">
          <a href="/" className="underline">Home</a>
          <a href="/scenarios" className="underline">Scenarios</a>
          <a href="/attacks" className="underline">Attack panel</a>
        </nav>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-baseline gap-4">
          <h1 className="text-3xl font-bold">Timeline</h1>
          {imported ? (
            <span className="text-sm font-semibold">Read only: an exported run</span>
          ) : (
            <LiveStatusBadge status={live.status} />
          )}
        </div>
        <fieldset className="flex items-center gap-3">
          <legend className="sr-only">View</legend>
          {(['diagram', 'list'] as const).map((v) => (
            <label key={v} className="flex items-center gap-1 font-semibold">
              <input type="radio" name="timeline-view" value={v} checked={view === v} onChange={() => setView(v)} />
              {v === 'diagram' ? 'Diagram' : 'List'}
            </label>
          ))}
        </fieldset>
      </div>

      <div className="flex flex-wrap items-center gap-6">
        <FilterControls filter={filter} onChange={setFilter} />
      </div>

      {dropped > 0 && (
        <p className="text-sm">
          The {dropped} oldest events of this run were dropped: a run keeps its last 1000 events.
        </p>
      )}

      <div className={`grid gap-4 ${event ? 'lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]' : ''}`}>
        <div id="timeline-events" tabIndex={-1} role="region" aria-label="Events" className="min-w-0 outline-none">
          {all.length === 0 ? (
            <p className="rounded border border-dashed border-slate-400 p-4">
              No events yet. Start at the <a className="underline" href="/client">client app</a>, or change a setting below: every request between
              the parties appears here as it happens.
            </p>
          ) : (
            <>
              <p className="mb-2 text-sm" aria-live="polite" data-testid="filter-count">
                {shownCount(shown.length, all.length)}
              </p>
              {view === 'diagram' ? (
                <SequenceDiagram events={shown} selectedSeq={selected} onSelect={(e) => setSelected(e.seq === selected ? undefined : e.seq)} />
              ) : (
                <SequenceView events={shown} selectedSeq={selected} onSelect={(e) => setSelected(e.seq === selected ? undefined : e.seq)} />
              )}
            </>
          )}
          {unseen > 0 && (
            // Sticky at the foot of the events' column, so it never covers an open event's detail beside it.
            <div className="pointer-events-none sticky bottom-4 z-40 mt-2 flex justify-center">
              <button
                type="button"
                className="pointer-events-auto rounded-full bg-sandbox px-4 py-2 font-semibold text-white shadow-lg"
                onClick={() => {
                  setUnseen(0);
                  lastEventRow()?.scrollIntoView({ block: 'nearest' });
                }}
              >
                ↓ {unseen} new {unseen === 1 ? 'event' : 'events'} below
              </button>
            </div>
          )}
        </div>
        {event && (
          <div className="min-w-0 lg:sticky lg:top-2 lg:max-h-[calc(100vh-1rem)] lg:self-start lg:overflow-auto">
            <EventErrorBoundary what={`Event #${event.seq}`} resetKey={event.seq}>
              <EventDetailView
                event={event}
                nowSeconds={nowSeconds}
                onClose={close}
                exchange={event.exchange ? all.filter((e) => e.exchange === event.exchange) : []}
                onSelect={(e) => setSelected(e.seq)}
                {...(imported
                  ? {}
                  : {
                      onRevoke: async (raw: string) => {
                        const r = await runApi.revokeToken(raw);
                        return `Revoked (${r.revoked.replace('_', ' ')} of ${r.client_id}): see token.revoked on the timeline.`;
                      },
                    })}
              />
            </EventErrorBoundary>
          </div>
        )}
      </div>

      {/* Below the diagram, so that a whole flow is seen first (1280×800 without scrolling). */}
      {imported ? (
        <div role="region" aria-label="Imported run" className="flex flex-wrap items-center gap-3 rounded border border-amber-400 bg-amber-50 p-3 dark:bg-amber-950/40">
          <p>
            You are looking at an exported run{imported.exportedAt ? ` (exported ${imported.exportedAt})` : ''}: {imported.events.length} events, read only. Its
            settings were: tokens {imported.settings.accessTokenFormat}, verification {imported.settings.verificationMode}.
          </p>
          <button
            type="button"
            className="rounded border border-slate-400 px-2 py-1 text-sm"
            onClick={() => {
              setImported(undefined);
              setSelected(undefined);
            }}
          >
            Back to my live run
          </button>
        </div>
      ) : (
        <details id="run-controls-group" open className="rounded border border-slate-300 p-2 dark:border-slate-700">
          <summary className="cursor-pointer font-semibold">Run controls</summary>
          <div className="mt-2">
            <RunControls
              settings={settings}
              onSettings={setSettings}
              onReset={() => {
                setSelected(undefined);
                live.reload();
              }}
              onImport={async (text) => {
                const run = await runApi.importRun(text);
                setSelected(undefined);
                setImported(run);
              }}
            />
          </div>
        </details>
      )}
    </div>
  );
}
