import { handleRoute, type RouteContext } from '@/lib/http/handle-route';
import { jsonResponse } from '@/lib/http/json-response';
import { authServerDeps } from '@/lib/auth-server/deps';
import { userinfoErrorResponse, extractBearerToken, userinfo } from '@/lib/auth-server/userinfo';
import { presentedTokenRun, withInjectedFailure } from '@/lib/auth-server/injected-failure';
import { lookupToken } from '@/lib/auth-server/token-lookup';

export const dynamic = 'force-dynamic';

async function answer(x: RouteContext): Promise<Response> {
  const token = await extractBearerToken({
    authorization: x.request.headers.get('authorization'),
    method: x.request.method,
    contentType: x.request.headers.get('content-type'),
    body: () => x.bodyText(),
    query: x.url.searchParams,
  });
  const run = await presentedTokenRun(x, 'userinfo', token, async (t) => (await lookupToken(authServerDeps(x), t))?.row.runId);
  return withInjectedFailure(x, 'userinfo', run, async (x) => {
    const claims = await userinfo(token, authServerDeps(x));
    if (claims === null) return userinfoErrorResponse(null);
    return jsonResponse(claims);
  });
}

/** OpenID Connect Core §5.3: the UserInfo endpoint, GET or POST, with a Bearer access token carrying openid. */
export function GET(request: Request) {
  return handleRoute(request, { onError: (e) => userinfoErrorResponse(e) }, answer);
}

export function POST(request: Request) {
  return handleRoute(request, { onError: (e) => userinfoErrorResponse(e) }, answer);
}
