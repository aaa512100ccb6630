import { handleRoute } from '@/lib/http/handle-route';
import { importRun } from '@/lib/timeline/run-admin';
import { problemResponse } from '@/lib/http/problem';
import { refuseCrossOrigin } from '@/lib/http/same-origin';

export const dynamic = 'force-dynamic';

/** Checks an exported run and gives it back for read-only viewing; nothing is stored. */
export function POST(request: Request) {
  return handleRoute(request, { onError: () => problemResponse(500, 'Server error', 'Unexpected condition.') }, async (x) => refuseCrossOrigin(request, 'json') ?? importRun(x));
}
