import { handleRoute } from '@/lib/http/handle-route';
import { serverErrorProblem } from '@/lib/http/problem';
import { newRun } from '@/lib/runs/run-api';
import { systemWallClock } from '@/lib/runs/clock';
import { jsonResponse } from '@/lib/http/json-response';

export const dynamic = 'force-dynamic';

/**
 * A new, empty run for an outside tool (curl, a script, a test suite): its
 * id (send it as X-Sandbox-Run to name the run) and its key (send it as
 * X-Sandbox-Run-Key to read or change the run). No cookie is set, and no
 * existing run is touched, so no same-origin check is needed.
 */
export function POST(request: Request) {
  return handleRoute(request, { onError: serverErrorProblem }, async (x) => {
    const { run, key } = newRun(x, systemWallClock);
    return jsonResponse({ id: run.id, key, createdAt: run.createdAt, settings: run.settings }, { status: 201 });
  });
}
