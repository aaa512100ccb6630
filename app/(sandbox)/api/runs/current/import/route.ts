import { handleExchange } from '@/lib/http/exchange';
import { importRun } from '@/lib/timeline/run-admin';
import { problem } from '@/lib/timeline/run-api';

export const dynamic = 'force-dynamic';

/** Checks an exported run and gives it back for read-only viewing; nothing is stored. */
export function POST(request: Request) {
  return handleExchange(request, { onError: () => problem(500, 'Server error', 'Unexpected condition.') }, async (x) => importRun(x));
}
