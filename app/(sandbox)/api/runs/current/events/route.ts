import { handleRoute } from '@/lib/http/handle-route';
import { droppedEventCount, listEvents } from '@/lib/store/events';
import { findRun } from '@/lib/store/runs';
import { problemResponse, serverErrorProblem } from '@/lib/http/problem';
import { requireRunOwner } from '@/lib/runs/run-owner';
import { jsonResponse } from '@/lib/http/json-response';

export const dynamic = 'force-dynamic';

/** The caller's own run's events as JSON, after `?after=SEQ` (owner only). A run that has none yet has an empty list. */
export function GET(request: Request) {
  return handleRoute(request, { onError: serverErrorProblem }, async (x) => {
    const owner = requireRunOwner(x);
    if (owner instanceof Response) return owner;
    const after = Number(x.url.searchParams.get('after') ?? '0');
    if (!Number.isInteger(after) || after < 0) return problemResponse(400, 'Bad request', 'after must be a whole number.');
    const { runId } = owner;
    const events = findRun(x.db, runId) ? listEvents(x.db, runId, after) : [];
    return jsonResponse({ runId, dropped: droppedEventCount(x.db, runId), events });
  });
}
