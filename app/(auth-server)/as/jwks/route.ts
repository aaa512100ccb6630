import { handleRoute } from '@/lib/http/handle-route';
import { jsonErrorResponse } from '@/lib/oauth/error-responses';
import { jwksResponse } from '@/lib/auth-server/jwks';
import { runClock, systemWallClock } from '@/lib/runs/clock';
import { requestNamedRun, withInjectedFailure } from '@/lib/auth-server/injected-failure';

export const dynamic = 'force-dynamic';

/** The authorization server's public signing keys (RFC 7517), current and previous. */
export function GET(request: Request) {
  // Keys are shared by every run: they are stamped with the wall clock, not a run's.
  return handleRoute(request, { onError: (e) => jsonErrorResponse(e) }, (x) =>
    withInjectedFailure(x, 'jwks', requestNamedRun(x), (x) => jwksResponse(x.db, runClock({ clockOffset: 0 }, systemWallClock))),
  );
}
