import { handleRoute } from '@/lib/http/handle-route';
import { importRun } from '@/lib/runs/run-export';
import { serverErrorProblem } from '@/lib/http/problem';
import { refuseCrossOrigin } from '@/lib/http/same-origin';

export const dynamic = 'force-dynamic';

/** Checks an exported run and gives it back for read-only viewing; nothing is stored. */
export function POST(request: Request) {
  return handleRoute(request, { onError: serverErrorProblem }, async (x) => refuseCrossOrigin(request, 'json') ?? importRun(x));
}
