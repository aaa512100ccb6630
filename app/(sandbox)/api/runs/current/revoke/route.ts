import { handleRoute } from '@/lib/http/handle-route';
import { serverErrorProblem } from '@/lib/http/problem';
import { refuseCrossOrigin } from '@/lib/http/same-origin';
import { revokeByHand } from '@/lib/auth-server/revoke-by-hand';

export const dynamic = 'force-dynamic';

/** Revokes one of the caller's own tokens by hand: `{"token": "..."}`. */
export function POST(request: Request) {
  return handleRoute(request, { onError: serverErrorProblem }, async (x) => refuseCrossOrigin(request, 'json') ?? revokeByHand(x));
}
