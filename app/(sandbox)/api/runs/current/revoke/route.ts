import { handleExchange } from '@/lib/http/exchange';
import { problem } from '@/lib/timeline/run-api';
import { revokeByHand } from '@/lib/timeline/revoke-by-hand';

export const dynamic = 'force-dynamic';

/** Revokes one of the caller's own tokens by hand: `{"token": "..."}`. */
export function POST(request: Request) {
  return handleExchange(request, { onError: () => problem(500, 'Server error', 'Unexpected condition.') }, async (x) => revokeByHand(x));
}
