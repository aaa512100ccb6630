import { handleRoute } from '@/lib/http/handle-route';
import { jsonErrorResponse, methodNotAllowed } from '@/lib/oauth/error-responses';
import { authServerDeps } from '@/lib/auth-server/deps';
import { singleClientId } from '@/lib/auth-server/client-id-document';
import { withClientIdDocument } from '@/lib/auth-server/client-id-document-step';
import { noStoreJson, readFormRequest } from '@/lib/auth-server/form-request';
import { tokenEndpoint } from '@/lib/auth-server/token-endpoint';
import { newRunId } from '@/lib/runs/run-id';
import { tokenRequestRun, withInjectedFailure } from '@/lib/auth-server/injected-failure';

export const dynamic = 'force-dynamic';

/** RFC 6749 §3.2 token endpoint: authorization_code, refresh_token, client_credentials. */
export function POST(request: Request) {
  return handleRoute(request, { onError: (e) => jsonErrorResponse(e) }, async (x) => {
    const input = await readFormRequest(x);
    return withInjectedFailure(x, 'token', tokenRequestRun(x, input.form), async (x) => {
      return withClientIdDocument(x, singleClientId(input.form), async () => {
        const result = await tokenEndpoint({ ...input, runIdForNewTokens: x.requestRunId ?? newRunId() }, authServerDeps(x));
        return noStoreJson(result.body);
      });
    });
  });
}

/** RFC 6749 §3.2: the client MUST use POST. */
export function GET() {
  return methodNotAllowed('POST');
}
