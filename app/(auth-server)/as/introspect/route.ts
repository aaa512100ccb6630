import { handleRoute } from '@/lib/http/handle-route';
import { jsonErrorResponse, methodNotAllowed } from '@/lib/oauth/error-responses';
import { authServerDeps } from '@/lib/auth-server/deps';
import { noStoreJson, readFormRequest } from '@/lib/auth-server/form-request';
import { introspectionEndpoint } from '@/lib/auth-server/introspection';
import { presentedTokenRun, withInjectedFailure } from '@/lib/auth-server/injected-failure';
import { lookupToken } from '@/lib/auth-server/token-lookup';

export const dynamic = 'force-dynamic';

/** RFC 7662 §2: token introspection; the caller must authenticate (§2.1), public clients cannot. */
export function POST(request: Request) {
  return handleRoute(request, { onError: (e) => jsonErrorResponse(e) }, async (x) => {
    const input = await readFormRequest(x);
    const token = input.form.all('token');
    const run = await presentedTokenRun(x, 'introspection', token.length === 1 ? token[0] : undefined, async (t) => (await lookupToken(authServerDeps(x), t))?.row.runId);
    return withInjectedFailure(x, 'introspection', run, async (x) => noStoreJson(await introspectionEndpoint(input, authServerDeps(x))));
  });
}

export function GET() {
  return methodNotAllowed('POST');
}
