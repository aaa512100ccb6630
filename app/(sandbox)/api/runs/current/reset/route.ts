import { handleRoute } from '@/lib/http/handle-route';
import { resetRun } from '@/lib/runs/run-reset';
import { serverErrorProblem } from '@/lib/http/problem';
import { refuseCrossOrigin } from '@/lib/http/same-origin';
import { systemWallClock } from '@/lib/runs/clock';

export const dynamic = 'force-dynamic';

/** Deletes everything the caller's run holds and starts it clean, same id. */
export function POST(request: Request) {
  return handleRoute(request, { onError: serverErrorProblem }, async (x) => refuseCrossOrigin(request, 'none') ?? resetRun(x, systemWallClock));
}
