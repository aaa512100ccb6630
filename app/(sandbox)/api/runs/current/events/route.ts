import { handleExchange } from '@/lib/http/exchange';
import { droppedEventCount, listEvents } from '@/lib/store/events';
import { findRun } from '@/lib/store/runs';
import { problemResponse } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

/** The current run's events as JSON, after `?after=SEQ`. A run that has none yet has an empty list. */
export function GET(request: Request) {
  return handleExchange(request, { onError: () => problemResponse(500, 'Server error', 'Unexpected condition.') }, async (x) => {
    const after = Number(x.url.searchParams.get('after') ?? '0');
    if (!Number.isInteger(after) || after < 0) return problemResponse(400, 'Bad request', 'after must be a whole number.');
    const runId = x.requestRunId;
    const events = runId && findRun(x.db, runId) ? listEvents(x.db, runId, after) : [];
    const dropped = runId ? droppedEventCount(x.db, runId) : 0;
    return new Response(JSON.stringify({ runId: runId ?? null, dropped, events }), {
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    });
  });
}
