import { handleRoute } from '@/lib/http/handle-route';
import { jsonErrorResponse } from '@/lib/oauth/error-responses';
import { runScopeDefinitions } from '@/lib/auth-server/deps';
import { metadataResponse } from '@/lib/auth-server/metadata';
import { scopesSupported } from '@/lib/auth-server/scope-definitions';

export const dynamic = 'force-dynamic';

/** RFC 8414 §3: the metadata of issuer `{origin}/as`, well-known string inserted before the path. */
export function GET(request: Request) {
  return handleRoute(request, { onError: (e) => jsonErrorResponse(e) }, async (x) =>
    metadataResponse(x.origin, scopesSupported(runScopeDefinitions(x.db, x.requestRunId))),
  );
}
