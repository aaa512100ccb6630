import { handleRoute } from '@/lib/http/handle-route';
import { exportRun } from '@/lib/runs/run-export';
import { serverErrorProblem } from '@/lib/http/problem';
import { systemWallClock } from '@/lib/runs/clock';

export const dynamic = 'force-dynamic';

/** The caller's own run as a JSON file, without its run id. */
export function GET(request: Request) {
  return handleRoute(request, { onError: serverErrorProblem }, async (x) => exportRun(x, systemWallClock));
}
