import { getDb } from '@/lib/store/db';
import { handleRoute } from '@/lib/http/handle-route';
import { serverErrorProblem } from '@/lib/http/problem';
import { runEventStream } from '@/lib/timeline/run-stream';
import { resumeAfter } from '@/lib/timeline/sse';
import { requireRunOwner } from '@/lib/runs/run-owner';
import { EVENT_STREAM } from '@/lib/http/cache-control';

export const dynamic = 'force-dynamic';

/**
 * The caller's own run (owner only), live, as Server-Sent Events: `id:` is the event's
 * seq, a reconnect resumes after `Last-Event-ID`, comments keep it alive.
 */
export function GET(request: Request) {
  return handleRoute(request, { onError: serverErrorProblem, recordResponseBody: false }, async (x) => {
    const owner = requireRunOwner(x);
    if (owner instanceof Response) return owner;
    const after = resumeAfter(request.headers.get('last-event-id'), x.url.searchParams.get('after'));
    const body = runEventStream({ db: getDb, runId: owner.runId, after, signal: request.signal });
    return new Response(body, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        ...EVENT_STREAM,
        'X-Accel-Buffering': 'no',
      },
    });
  });
}
