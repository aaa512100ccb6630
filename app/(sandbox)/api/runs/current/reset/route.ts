import { handleRoute } from '@/lib/http/handle-route';
import { resetRun } from '@/lib/runs/run-reset';
import { problemResponse, serverErrorProblem } from '@/lib/http/problem';
import { refuseCrossOrigin } from '@/lib/http/same-origin';
import { systemWallClock } from '@/lib/runs/clock';
import { scenarioById } from '@/lib/scenarios/library';

export const dynamic = 'force-dynamic';

/**
 * Deletes everything the caller's run holds and starts it clean, same id.
 * `?scenario=ID` (a scenario's Start over) names the scenario the reset starts.
 */
export function POST(request: Request) {
  return handleRoute(request, { onError: serverErrorProblem }, async (x) => {
    const refused = refuseCrossOrigin(request, 'none');
    if (refused) return refused;
    const scenario = x.url.searchParams.get('scenario');
    if (scenario !== null && !scenarioById(scenario)) return problemResponse(400, 'No such scenario', 'scenario must name one of /scenarios.', { field: 'scenario' });
    return resetRun(x, systemWallClock, scenario ?? undefined);
  });
}
