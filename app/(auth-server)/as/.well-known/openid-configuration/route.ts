import { handleRoute } from '@/lib/http/handle-route';
import { jsonErrorResponse } from '@/lib/oauth/error-responses';
import { runScopeDefinitions } from '@/lib/auth-server/deps';
import { metadataResponse } from '@/lib/auth-server/metadata';
import { scopesSupported } from '@/lib/auth-server/scope-definitions';

export const dynamic = 'force-dynamic';

/** OpenID Connect Discovery §4: the same document, well-known string appended to the issuer. */
export function GET(request: Request) {
  return handleRoute(request, { onError: (e) => jsonErrorResponse(e) }, async (x) =>
    metadataResponse(x.origin, scopesSupported(runScopeDefinitions(x.db, x.requestRunId))),
  );
}
