import { handleRoute } from '@/lib/http/handle-route';
import { serverErrorProblem } from '@/lib/http/problem';
import { runPolicy } from '@/lib/resource-server/deps';
import { protectedResourceMetadata } from '@/lib/resource-server/responses';
import { PER_RUN_DOCUMENT } from '@/lib/http/cache-control';
import { jsonResponse } from '@/lib/http/json-response';

export const dynamic = 'force-dynamic';

/**
 * RFC 9728 §3: the Notes API's protected resource metadata, `resource` exactly
 * `{origin}/rs`. One origin serves every run, so the document follows the run
 * the request names (cookie or X-Sandbox-Run; the defaults when none) and may
 * not be shared by caches across runs: `private, no-cache` and `Vary`.
 */
export function GET(request: Request) {
  return handleRoute(request, { onError: serverErrorProblem }, async (x) =>
    jsonResponse(protectedResourceMetadata(x.origin, runPolicy(x.db, x.requestRunId)), { cache: PER_RUN_DOCUMENT }),
  );
}
