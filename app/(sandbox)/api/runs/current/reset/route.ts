import { handleExchange } from '@/lib/http/exchange';
import { resetRun } from '@/lib/timeline/run-admin';
import { problem } from '@/lib/timeline/run-api';

export const dynamic = 'force-dynamic';

/** Deletes everything the caller's run holds and starts it clean, same id. */
export function POST(request: Request) {
  return handleExchange(request, { onError: () => problem(500, 'Server error', 'Unexpected condition.') }, async (x) => resetRun(x));
}
