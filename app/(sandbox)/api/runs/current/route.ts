import { handleRoute } from '@/lib/http/handle-route';
import { serverErrorProblem } from '@/lib/http/problem';
import { refuseCrossOrigin } from '@/lib/http/same-origin';
import { currentRun, updateRunSettings } from '@/lib/runs/run-api';
import { systemWallClock } from '@/lib/runs/clock';
import { jsonResponse } from '@/lib/http/json-response';

export const dynamic = 'force-dynamic';

const onError = serverErrorProblem;

function runJson(run: { id: string; settings: unknown; createdAt: number }, cookie?: string): Response {
  return jsonResponse({ id: run.id, createdAt: run.createdAt, settings: run.settings }, { headers: cookie ? { 'Set-Cookie': cookie } : {} });
}

/** The visitor's own run and its settings (the run key or cookie); a first visit gets a new run. */
export function GET(request: Request) {
  return handleRoute(request, { onError }, async (x) => {
    const current = currentRun(x, systemWallClock);
    return current instanceof Response ? current : runJson(current.run, current.cookie);
  });
}

/** Changes the run's settings: `{"accessTokenFormat":"opaque"}`, `{"clockOffset":600}`, ... Owner only, same origin, JSON only. */
export function PATCH(request: Request) {
  return handleRoute(request, { onError }, async (x) => {
    const refused = refuseCrossOrigin(request, 'json');
    if (refused) return refused;
    const current = currentRun(x, systemWallClock);
    if (current instanceof Response) return current;
    const updated = await updateRunSettings(x, current.run);
    return updated instanceof Response ? updated : runJson(updated, current.cookie);
  });
}
