import { handleRoute } from '@/lib/http/handle-route';
import { jsonErrorResponse, methodNotAllowed } from '@/lib/oauth/error-responses';
import { authServerDeps } from '@/lib/auth-server/deps';
import { singleClientId } from '@/lib/auth-server/client-id-document';
import { withClientIdDocument } from '@/lib/auth-server/client-id-document-step';
import { readFormRequest } from '@/lib/auth-server/form-request';
import { revocationEndpoint } from '@/lib/auth-server/revocation';
import { NO_STORE } from '@/lib/http/cache-control';

export const dynamic = 'force-dynamic';

/** RFC 7009 §2: token revocation; 200 with an empty body whether or not the token was known (§2.2). */
export function POST(request: Request) {
  return handleRoute(request, { onError: (e) => jsonErrorResponse(e) }, async (x) => {
    const input = await readFormRequest(x);
    return withClientIdDocument(x, singleClientId(input.form), async () => {
      await revocationEndpoint(input, authServerDeps(x));
      return new Response(null, { status: 200, headers: NO_STORE });
    });
  });
}

export function GET() {
  return methodNotAllowed('POST');
}
