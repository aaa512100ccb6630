import 'server-only';
import type { Db } from '@/lib/store/db';
import { lastEventSeq, listEvents } from '@/lib/store/events';
import { subscribeToRun } from './live';
import { sseComment, sseEvent, sseReset, sseRetry } from './sse';

const HEARTBEAT_MS = 15_000;

interface RunStreamOptions {
  db: () => Db;
  /** The caller's own run; without one the stream stays open and sends heartbeats only. */
  runId?: string;
  /** Resume after this seq (Last-Event-ID). */
  after: number;
  signal?: AbortSignal;
  heartbeatMs?: number;
}

/**
 * The live timeline of one run as an SSE byte stream: the events after
 * `after`, then each new one as the recorder publishes it, with a heartbeat
 * comment in between. When the run was reset (its numbering is now below
 * what this stream sent) it sends a `reset` event and starts again from 1.
 */
export function runEventStream(o: RunStreamOptions): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let sent = o.after;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(enc.encode(text));
        } catch {
          stop();
        }
      };
      const flush = () => {
        if (!o.runId || closed) return;
        for (const e of listEvents(o.db(), o.runId, sent)) {
          write(sseEvent(e));
          sent = e.seq;
        }
      };
      const unsubscribe = o.runId
        ? subscribeToRun(o.runId, (last) => {
            if (last < sent) {
              write(sseReset());
              sent = 0;
            }
            flush();
          })
        : () => {};
      const heartbeat = setInterval(() => write(sseComment('heartbeat')), o.heartbeatMs ?? HEARTBEAT_MS);
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          /* already closed by the reader */
        }
      };
      o.signal?.addEventListener('abort', () => stop());

      write(sseRetry(2000));
      write(sseComment(o.runId ? 'timeline of your run' : 'no run yet: heartbeats only'));
      if (o.runId && sent > lastEventSeq(o.db(), o.runId)) {
        write(sseReset());
        sent = 0;
      }
      flush();
    },
    cancel() {
      stop();
    },
  });
}
