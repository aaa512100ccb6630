import { AS_SESSION_COOKIE } from '@/lib/auth-server/sessions';
import { authServerDeps } from '@/lib/auth-server/deps';
import { singleClientId } from '@/lib/auth-server/client-id-document';
import { withClientIdDocument } from '@/lib/auth-server/client-id-document-step';
import { startAuthorization } from '@/lib/auth-server/authorize';
import { CSRF_COOKIE, csrfCookieHeader, newBrowserSecret } from '@/lib/auth-server/pending-request';
import { handleRoute } from '@/lib/http/handle-route';
import { Params } from '@/lib/oauth/params';
import { runCookieHeader } from '@/lib/runs/run-api';
import { newRunKey } from '@/lib/runs/run-id';
import { runIdForKey } from '@/lib/runs/run-owner';
import type { RouteContext } from '@/lib/http/handle-route';
import { frontChannelError, readCookie, readForm, stepResponse } from '../../_components/authorize-http';

export const dynamic = 'force-dynamic';

async function authorize(x: RouteContext, params: Params): Promise<Response> {
  // A URL client_id names a client ID metadata document: fetch it (or take it from the cache) before validating.
  return withClientIdDocument(x, singleClientId(params), async () => authorizeKnownClient(x, params));
}

async function authorizeKnownClient(x: RouteContext, params: Params): Promise<Response> {
  const setCookies: string[] = [];
  // The run: an outside client's X-Sandbox-Run header or the browser's run key; else a new run, its key in a cookie.
  let runId = x.requestRunId;
  if (!runId) {
    const key = newRunKey();
    runId = runIdForKey(key);
    setCookies.push(runCookieHeader(key));
  }
  let browserSecret = readCookie(x.request, CSRF_COOKIE);
  if (!browserSecret || !/^[A-Za-z0-9_-]{43}$/.test(browserSecret)) {
    browserSecret = newBrowserSecret();
    setCookies.push(csrfCookieHeader(browserSecret));
  }
  const step = startAuthorization(
    { params, runId, sessionToken: readCookie(x.request, AS_SESSION_COOKIE), browserSecret },
    authServerDeps(x),
  );
  return stepResponse(step, x, setCookies);
}

/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1.1). No CORS headers: it
 * is for browsers navigating, never for scripts (RFC 9700 §2.6, A13).
 */
export function GET(request: Request) {
  return handleRoute(request, { onError: frontChannelError }, async (x) => authorize(x, Params.fromUrl(x.url)));
}

/** OpenID Connect Core §3.1.2.1: the same request as a form post (RFC 6749 §3.1 lets a server support POST). */
export function POST(request: Request) {
  return handleRoute(request, { onError: frontChannelError }, async (x) => {
    const form = await readForm(x);
    return form instanceof Response ? form : authorize(x, new Params(form));
  });
}
