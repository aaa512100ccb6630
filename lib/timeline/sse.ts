import type { TimelineEvent } from './events';

/**
 * Server-Sent Events framing (HTML Living Standard §9.2). The `id:` of each
 * event is its seq, so a browser that reconnects sends `Last-Event-ID` and
 * the stream resumes after it.
 */
export function sseEvent(event: TimelineEvent): string {
  // JSON.stringify never emits a raw newline, so one data line holds the event.
  return `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The run was reset: numbering starts again, the browser drops what it shows. */
export function sseReset(): string {
  return 'id: 0\nevent: reset\ndata: {}\n\n';
}

/** A comment line: keeps proxies and the browser from timing the connection out. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

export function sseRetry(ms: number): string {
  return `retry: ${ms}\n\n`;
}

/** Where to resume: `Last-Event-ID` (set by the browser on reconnect) wins over `?after=`; anything else is 0. */
export function resumeAfter(lastEventId: string | null, afterParam: string | null): number {
  for (const v of [lastEventId, afterParam]) {
    if (v !== null && /^\d{1,15}$/.test(v.trim())) return Number(v.trim());
  }
  return 0;
}
