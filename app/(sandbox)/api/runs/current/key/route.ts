import { handleRoute } from '@/lib/http/handle-route';
import { serverErrorProblem } from '@/lib/http/problem';
import { RUN_KEY_COOKIE, cookieValue } from '@/lib/runs/run-id';
import { requireRunOwner } from '@/lib/runs/run-owner';
import { jsonResponse } from '@/lib/http/json-response';

export const dynamic = 'force-dynamic';

/**
 * The owner's run key, revealed on purpose ("Show my run key" on the home
 * page), so that an outside tool can read or change the run with
 * X-Sandbox-Run-Key. Owner only; the browser reads it from the same origin
 * (no CORS), and it is never recorded: this route records no event.
 */
export function GET(request: Request) {
  return handleRoute(request, { onError: serverErrorProblem }, async (x) => {
    const owner = requireRunOwner(x);
    if (owner instanceof Response) return owner;
    const key = request.headers.get('x-sandbox-run-key') ?? cookieValue(request.headers.get('cookie'), RUN_KEY_COOKIE);
    return jsonResponse({ id: owner.runId, key });
  });
}
