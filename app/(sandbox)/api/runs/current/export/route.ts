import { handleExchange } from '@/lib/http/exchange';
import { exportRun } from '@/lib/timeline/run-admin';
import { problem } from '@/lib/timeline/run-api';

export const dynamic = 'force-dynamic';

/** The caller's own run as a JSON file, without its run id. */
export function GET(request: Request) {
  return handleExchange(request, { onError: () => problem(500, 'Server error', 'Unexpected condition.') }, async (x) => exportRun(x, Date.now()));
}
