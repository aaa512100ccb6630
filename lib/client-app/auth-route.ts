import 'server-only';
import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { handleRoute, type RouteContext } from '@/lib/http/handle-route';
import type { EventInput } from '@/lib/timeline/events';
import { cookieValue } from '@/lib/runs/run-id';
import { systemWallClock } from '@/lib/runs/clock';
import { buildAuthOptions, type AuthRequestContext } from './auth-options';
import { classifyAuthFailure } from './auth-failure';
import { clientOrigin, ERROR_PAGE, PROVIDER_ID, SCOPE_ASKED_COOKIE, settleNextAuthOrigin } from './config';
import { secretsProblem } from '@/lib/store/secrets';
import { incomingRequest, recordClientEvents } from './record';
import { sessionCookieName, sidFromSessionToken } from './session';
import { splitScope } from './scopes';

export interface AuthRouteContext {
  params: Promise<{ nextauth: string[] }>;
}

/** next-auth's error redirect (`/api/auth/error?error=X` or the error page) with the cause added, straight to our page. */
function errorTarget(location: string, origin: string, reason: string, description?: string): string | undefined {
  const u = new URL(location, origin);
  const error = u.searchParams.get('error');
  if (!error || !(u.pathname.endsWith('/api/auth/error') || u.pathname === ERROR_PAGE)) return undefined;
  const q = new URLSearchParams({ error, reason });
  if (description) q.set('description', description.slice(0, 300));
  return `${origin}${ERROR_PAGE}?${q}`;
}

/**
 * Rewrites a failure redirect (`target`, read by redirectTarget from the
 * Location header or next-auth's `{url}` JSON for fetch callers) to carry the cause.
 */
function withFailureCause(response: Response, target: string, origin: string, reason: string, description?: string): Response {
  const rewritten = errorTarget(target, origin, reason, description);
  if (!rewritten) return response;
  if (response.headers.has('location')) {
    response.headers.set('location', rewritten);
    return response;
  }
  return new Response(JSON.stringify({ url: rewritten }), { status: response.status, headers: response.headers });
}

async function redirectTarget(response: Response): Promise<string | undefined> {
  const location = response.headers.get('location');
  if (location) return location;
  if (!response.headers.get('content-type')?.includes('application/json')) return undefined;
  const body = (await response.clone().json()) as { url?: unknown };
  return typeof body.url === 'string' ? body.url : undefined;
}

function failed(target: string | undefined): target is string {
  return Boolean(target && /\/(api\/auth\/error|client\/error)\?/.test(target));
}

/**
 * Runs next-auth for one request under /api/auth/... and records the client's
 * side: `client.sign_in_started` (the scope asked), `client.callback_received`
 * (code or error, and whether next-auth's checks passed), then what the
 * callbacks recorded (`client.tokens_received`), and `client.signed_out` with
 * `client.token_revoked`.
 */
export async function handleAuthRoute(request: NextRequest, context: AuthRouteContext): Promise<Response> {
  return handleRoute(
    request,
    { onError: (_e, x) => Response.redirect(`${x.origin}${ERROR_PAGE}?error=Configuration`, 302), recordResponseBody: true },
    async (x: RouteContext) => {
      const { nextauth } = await context.params;
      const [action, provider] = nextauth;
      settleNextAuthOrigin();
      const origin = clientOrigin(request);
      const problem = secretsProblem();
      if (problem) {
        // Issue 9 item 3: say what is wrong, in the log and on the page, instead of looping back to sign-in.
        console.error(`[notes-assistant] sign-in cannot work: ${problem}`);
        const q = new URLSearchParams({ error: 'Configuration', reason: 'secrets', description: problem.slice(0, 300) });
        return Response.redirect(`${origin}${ERROR_PAGE}?${q}`, 302);
      }
      const cookies = request.headers.get('cookie');
      const ctx: AuthRequestContext = {
        origin,
        runId: x.requestRunId,
        get db() {
          return x.db;
        },
        wall: systemWallClock,
        scopeAsked: cookieValue(cookies, SCOPE_ASKED_COOKIE) && decodeURIComponent(cookieValue(cookies, SCOPE_ASKED_COOKIE)!),
        previousSid: await sidFromSessionToken(cookieValue(cookies, sessionCookieName())),
        failure: {},
        pending: [],
      };
      if (provider === PROVIDER_ID && action === 'callback' && x.url.searchParams.has('code') && !x.url.searchParams.has('error')) {
        // Recorded now, not with the exchange: the code arrives before next-auth's token request, and the timeline shows it so.
        recordClientEvents(x.requestRunId, [
          {
            from: 'browser',
            to: 'client',
            type: 'client.callback_received',
            summary: 'Notes Assistant received the callback with a code: next-auth checks state, iss and nonce, then exchanges the code with its PKCE verifier',
            outcome: 'info',
            http: { request: incomingRequest(request) },
            data: { state: x.url.searchParams.get('state'), iss: x.url.searchParams.get('iss') },
          },
        ]);
      }
      let response: Response = await NextAuth(request, context, buildAuthOptions(ctx));
      const target = await redirectTarget(response);
      const ours = provider === PROVIDER_ID;
      let lead: EventInput | undefined;

      if (ours && action === 'signin' && request.method === 'POST') {
        const scope = x.url.searchParams.get('scope') ?? '';
        if (failed(target)) {
          const reason = classifyAuthFailure({ message: ctx.failure.message });
          response = withFailureCause(response, target, origin, reason, ctx.failure.message);
          lead = {
            from: 'browser',
            to: 'client',
            type: 'client.sign_in_started',
            summary: `Notes Assistant could not start sign-in: ${ctx.failure.message ?? 'unknown error'}`,
            outcome: 'error',
            data: { scope_asked: scope, reason },
          };
        } else {
          // Remember what was asked: the token response may leave `scope` out when nothing was narrowed (RFC 6749 §5.1).
          response.headers.append(
            'set-cookie',
            `${SCOPE_ASKED_COOKIE}=${encodeURIComponent(scope)}; Path=/api/auth; HttpOnly; SameSite=Lax; Max-Age=900`,
          );
          lead = {
            from: 'browser',
            to: 'client',
            type: 'client.sign_in_started',
            summary: `Notes Assistant started sign-in, asking for: ${scope}${x.url.searchParams.get('prompt') ? ` (prompt=${x.url.searchParams.get('prompt')})` : ''}`,
            outcome: 'info',
            consent: { requested: splitScope(scope), granted: [] },
            data: { scope_asked: scope, prompt: x.url.searchParams.get('prompt'), authorization_url: target },
          };
        }
      } else if (ours && action === 'callback') {
        const q = x.url.searchParams;
        const oauthError = q.get('error') ?? undefined;
        if (failed(target)) {
          const reason = classifyAuthFailure({ oauthError, message: ctx.failure.message });
          const description = oauthError ? [oauthError, q.get('error_description')].filter(Boolean).join(': ') : ctx.failure.message;
          response = withFailureCause(response, target, origin, reason, description);
          lead = {
            from: 'browser',
            to: 'client',
            type: 'client.callback_received',
            summary: oauthError
              ? `Notes Assistant received the callback with error=${oauthError}: no code, no token`
              : `Notes Assistant refused the callback: ${ctx.failure.message ?? 'unknown error'}`,
            outcome: oauthError === 'access_denied' ? 'denied' : 'error',
            data: { error: oauthError, error_description: q.get('error_description'), reason, detail: ctx.failure.message },
          };
        }
        // On success the first pending event (client.tokens_received) carries this exchange:
        // the browser gets a session cookie, never the tokens.
      } else if (action === 'signout' && request.method === 'POST' && ctx.pending.length > 0) {
        lead = { from: 'browser', to: 'client', type: 'client.signed_out', summary: 'Notes Assistant signed you out and forgot your tokens', outcome: 'ok' };
      }

      if (lead) x.recorder.record(lead);
      for (const e of ctx.pending) x.recorder.record(e);
      return response;
    },
  );
}
