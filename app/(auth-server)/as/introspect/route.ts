import { handleRoute } from '@/lib/http/handle-route';
import { jsonErrorResponse, methodNotAllowed } from '@/lib/oauth/error-responses';
import { authServerDeps } from '@/lib/auth-server/deps';
import { noStoreJson, readFormRequest } from '@/lib/auth-server/form-request';
import { introspectionEndpoint } from '@/lib/auth-server/introspection';

export const dynamic = 'force-dynamic';

/** RFC 7662 §2: token introspection; the caller must authenticate (§2.1), public clients cannot. */
export function POST(request: Request) {
  return handleRoute(request, { onError: (e) => jsonErrorResponse(e) }, async (x) => {
    const input = await readFormRequest(x);
    return noStoreJson(await introspectionEndpoint(input, authServerDeps(x)));
  });
}

export function GET() {
  return methodNotAllowed('POST');
}
