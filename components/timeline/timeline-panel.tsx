'use client';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { TimelineEvent } from '@/lib/timeline/events';
import { eventHeadline } from '@/lib/timeline/format';
import { EventDetailView } from './event-detail';
import { EventErrorBoundary } from './event-boundary';
import { LiveStatusBadge } from './live-status';
import { runApi } from './run-api-client';
import { SequenceView } from './sequence-view';
import { useRunTimeline } from './use-run-timeline';

const OPEN_KEY = 'oauth-sandbox-panel-open';

/** On the authorization endpoint's pages, the request that just arrived is what the learner wants to see. */
function latestAuthorizationRequest(events: readonly TimelineEvent[]): TimelineEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.type === 'authorization_request.received') return events[i];
  return undefined;
}

/**
 * What the bottom bar names: the newest event, unless a refusal or an error
 * happened in the same moment (within 5 s): then that one, since a follow-up
 * (the page reloading the list after a refused write) is not what matters.
 */
export function latestThatMatters(events: readonly TimelineEvent[]): TimelineEvent | undefined {
  const newest = events[events.length - 1];
  if (!newest) return undefined;
  for (let i = events.length - 1; i >= 0 && events[i]!.at >= newest.at - 5000; i--) {
    if (events[i]!.outcome === 'denied' || events[i]!.outcome === 'error') return events[i];
  }
  return newest;
}

/**
 * The collapsible timeline panel at the foot of every party's pages: the
 * visitor's own run, live. Collapsed it names the latest event (on the
 * consent page: the authorization request that just arrived); open it shows
 * the sequence view and the detail of the chosen event.
 */
export function TimelinePanel() {
  const pathname = usePathname() ?? '';
  const atAuthorize = pathname.startsWith('/as/authorize');
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<number | undefined>();
  const { events, status } = useRunTimeline();
  const list = useRef<HTMLDivElement>(null);

  const [clockOffset, setClockOffset] = useState(0);
  useEffect(() => setOpen(localStorage.getItem(OPEN_KEY) === '1'), []);
  useEffect(() => {
    if (open) runApi.get().then((r) => setClockOffset(r.settings.clockOffset), () => undefined);
  }, [open]);
  const toggle = () => {
    setOpen((o) => {
      localStorage.setItem(OPEN_KEY, o ? '0' : '1');
      return !o;
    });
  };
  // Keep the newest event in view as events arrive.
  useEffect(() => {
    if (open && selected === undefined) list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [events.length, open, selected]);

  const authRequest = atAuthorize ? latestAuthorizationRequest(events) : undefined;
  const highlight = authRequest ?? latestThatMatters(events);
  const highlightLabel = authRequest
    ? 'Authorization request that just arrived: '
    : highlight?.outcome === 'denied'
      ? 'Latest refusal: '
      : highlight?.outcome === 'error'
        ? 'Latest error: '
        : 'Latest: ';
  const event = events.find((e) => e.seq === selected);

  return (
    <>
      <div aria-hidden="true" className={open ? 'h-[55vh]' : 'h-14'} />
      <aside
        id="timeline-panel"
        tabIndex={-1}
        aria-label="Timeline panel"
        className="fixed inset-x-0 bottom-0 z-50 border-t-2 border-slate-400 bg-white text-slate-900 shadow-[0_-4px_12px_rgba(0,0,0,0.15)] dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100"
      >
        <div className="mx-auto flex max-w-screen-2xl items-center gap-3 px-4 py-2">
          <button
            type="button"
            aria-expanded={open}
            aria-controls="timeline-panel-body"
            onClick={toggle}
            className="shrink-0 rounded border border-slate-400 px-2 py-1 text-sm font-semibold hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            {open ? '▾' : '▸'} Timeline ({events.length})
          </button>
          <LiveStatusBadge status={status} />
          {highlight && (
            <button
              type="button"
              // A short name of its own: the summary may contain words other pages' buttons use ("Sign in").
              aria-label={authRequest ? `Open the authorization request that just arrived, event #${highlight.seq}` : `Open the ${highlightLabel.slice(0, -2).toLowerCase()} event, #${highlight.seq}`}
              className="min-w-0 truncate text-left text-sm hover:underline"
              onClick={() => {
                setSelected(highlight.seq);
                if (!open) toggle();
              }}
            >
              <span className="font-semibold">{highlightLabel}</span>
              {eventHeadline(highlight)}
            </button>
          )}
          <span className="ml-auto flex shrink-0 items-center gap-3">
            <a href="/timeline" className="text-sm underline">
              Full timeline
            </a>
          </span>
        </div>
        {open && (
          <div id="timeline-panel-body" ref={list} className="mx-auto max-h-[45vh] max-w-screen-2xl overflow-auto px-4 pb-3">
            {events.length === 0 ? (
              <p className="py-2 text-sm">No events yet in your run.</p>
            ) : (
              <SequenceView compact label="Timeline panel events" events={events} selectedSeq={selected} onSelect={(e) => setSelected(e.seq === selected ? undefined : e.seq)} />
            )}
            {event && (
              <div className="mt-3">
                <EventErrorBoundary what={`Event #${event.seq}`} resetKey={event.seq}>
                  <EventDetailView
                    event={event}
                    nowSeconds={Math.floor(Date.now() / 1000) + clockOffset}
                    onClose={() => setSelected(undefined)}
                    exchange={event.exchange ? events.filter((e) => e.exchange === event.exchange) : []}
                    onSelect={(e) => setSelected(e.seq)}
                  />
                </EventErrorBoundary>
              </div>
            )}
          </div>
        )}
      </aside>
    </>
  );
}
