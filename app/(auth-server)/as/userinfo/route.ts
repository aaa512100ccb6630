import { handleExchange, type Exchange } from '@/lib/http/exchange';
import { authServerDeps } from '@/lib/auth-server/deps';
import { bearerErrorResponse, extractBearerToken, userinfo } from '@/lib/auth-server/userinfo';
import { presentedTokenRun, withInjectedFailure } from '@/lib/auth-server/injected-failure';
import { lookupToken } from '@/lib/auth-server/token-lookup';

export const dynamic = 'force-dynamic';

async function answer(x: Exchange): Promise<Response> {
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
    if (claims === null) return bearerErrorResponse(null);
    return new Response(JSON.stringify(claims), { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
  });
}

/** OpenID Connect Core §5.3: the UserInfo endpoint, GET or POST, with a Bearer access token carrying openid. */
export function GET(request: Request) {
  return handleExchange(request, { onError: (e) => bearerErrorResponse(e) }, answer);
}

export function POST(request: Request) {
  return handleExchange(request, { onError: (e) => bearerErrorResponse(e) }, answer);
}
