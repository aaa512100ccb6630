import { handleExchange } from '@/lib/http/exchange';
import { jsonErrorResponse } from '@/lib/oauth/error-responses';
import { rotateKeysStep } from '@/lib/auth-server/key-rotation';
import { runClock } from '@/lib/timeline/clock';

export const dynamic = 'force-dynamic';

/** POST: rotates the authorization server's signing keys; the previous keys stay in the JWKS. */
export function POST(request: Request) {
  return handleExchange(request, { onError: (e) => jsonErrorResponse(e) }, async (x) => {
    const kids = await rotateKeysStep(x, runClock({ clockOffset: 0 }));
    return new Response(JSON.stringify(kids), { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
  });
}
