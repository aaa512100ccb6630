'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TimelineEvent } from '@/lib/timeline/events';
import { mergeEvents } from '@/lib/timeline/filter';
import { runApi } from './run-api-client';

export type LiveStatus = 'connecting' | 'live' | 'polling' | 'offline';

interface RunTimeline {
  events: TimelineEvent[];
  dropped: number;
  status: LiveStatus;
  /** Forget what is shown (after a reset this page asked for) and load again. */
  reload: () => void;
}

const POLL_MS = 1500;

/**
 * The caller's run, live: the events so far, then Server-Sent Events from
 * /api/runs/current/stream (the browser resumes with Last-Event-ID after a
 * dropped connection). When the stream cannot be kept open, it polls
 * /api/runs/current/events?after=N instead.
 */
export function useRunTimeline(enabled = true): RunTimeline {
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [dropped, setDropped] = useState(0);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [generation, setGeneration] = useState(0);
  /** The last event shown: where the stream resumes, and how polling notices a reset (the numbering starts again). */
  const lastEvent = useRef<TimelineEvent | undefined>(undefined);

  const add = useCallback((incoming: TimelineEvent[]) => {
    if (incoming.length === 0) return;
    setEvents((cur) => {
      const next = mergeEvents(cur, incoming);
      // The stream resumes after the highest seq (the list is in causal order, not seq order).
      lastEvent.current = next.reduce<TimelineEvent | undefined>((m, e) => (m && m.seq > e.seq ? m : e), undefined);
      return next;
    });
  }, []);

  const clear = useCallback(() => {
    lastEvent.current = undefined;
    setEvents([]);
    setDropped(0);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let source: EventSource | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;

    const startPolling = () => {
      if (stopped || poll) return;
      setStatus('polling');
      poll = setInterval(() => {
        // Ask from the last event shown: if it is gone, the run was reset, so start again.
        const last = lastEvent.current;
        runApi.events(Math.max(0, (last?.seq ?? 0) - 1))
          .then((page) => {
            if (stopped) return;
            const same = (e: TimelineEvent) => e.seq === last?.seq && e.at === last.at && e.type === last.type && e.summary === last.summary;
            let fresh = page.events;
            if (last && !page.events.some(same)) clear();
            else fresh = page.events.filter((e) => !same(e));
            setDropped(page.dropped);
            add(fresh);
            setStatus('polling');
          })
          .catch(() => !stopped && setStatus('offline'));
      }, POLL_MS);
    };

    const startStream = () => {
      if (stopped) return;
      if (typeof EventSource === 'undefined') return startPolling();
      source = new EventSource(`/api/runs/current/stream?after=${lastEvent.current?.seq ?? 0}`);
      source.onopen = () => !stopped && setStatus('live');
      source.onmessage = (m) => {
        try {
          add([JSON.parse(m.data as string) as TimelineEvent]);
        } catch {
          /* a malformed frame is skipped; the next one carries on */
        }
      };
      source.addEventListener('reset', () => clear());
      source.onerror = () => {
        // EventSource reconnects by itself (with Last-Event-ID); when it gives up, poll.
        if (source?.readyState === EventSource.CLOSED) {
          source = undefined;
          startPolling();
        } else if (!stopped) setStatus('connecting');
      };
    };

    clear();
    setStatus('connecting');
    runApi.events(0)
      .then((page) => {
        if (stopped) return;
        setDropped(page.dropped);
        add(page.events);
      })
      .catch(() => undefined)
      .finally(startStream);

    return () => {
      stopped = true;
      source?.close();
      if (poll) clearInterval(poll);
    };
  }, [enabled, generation, add, clear]);

  return { events, dropped, status, reload: () => setGeneration((g) => g + 1) };
}
