import { handleRoute } from '@/lib/http/handle-route';
import { refuseCrossOrigin } from '@/lib/http/same-origin';
import { jsonErrorResponse } from '@/lib/oauth/error-responses';
import { rotateKeysStep } from '@/lib/auth-server/key-rotation';
import { runClock, systemWallClock } from '@/lib/runs/clock';
import { requireRunOwner } from '@/lib/runs/run-owner';
import { jsonResponse } from '@/lib/http/json-response';

export const dynamic = 'force-dynamic';

/**
 * POST: rotates the authorization server's signing keys; the previous keys
 * stay in the JWKS. A sandbox control, not a protocol endpoint: only from
 * the sandbox's own pages (same origin, no form body) or an outside tool
 * holding a run key, and recorded on that run.
 */
export function POST(request: Request) {
  return handleRoute(request, { onError: (e) => jsonErrorResponse(e) }, async (x) => {
    const refused = refuseCrossOrigin(request, 'none');
    if (refused) return refused;
    const owner = requireRunOwner(x);
    if (owner instanceof Response) return owner;
    const kids = await rotateKeysStep(x, runClock({ clockOffset: 0 }, systemWallClock));
    return jsonResponse(kids);
  });
}
