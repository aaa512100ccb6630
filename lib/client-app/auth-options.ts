import 'server-only';
import { randomBytes } from 'node:crypto';
import type { AuthOptions } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { decodeJwt } from 'jose';
import type { Db } from '@/lib/store/db';
import { deleteClientSession, findClientSession, insertClientSession } from '@/lib/store/client-sessions';
import { ensureRun } from '@/lib/store/runs';
import type { WallClock } from '@/lib/runs/clock';
import { nextAuthSecret } from '@/lib/store/secrets';
import type { EventInput } from '@/lib/timeline/events';
import { fetchUserinfo, revokeToken } from './authorization-server';
import { CLIENT_HOME, CLIENT_ID, CLIENT_SECRET, ERROR_PAGE, PROVIDER_ID, wellKnownUrl } from './config';
import { tokenViews } from './record';
import { ACCESS_CHOICES, splitScope } from './scopes';

/** What one request to /api/auth/... gives the options, and what they leave behind for the route to record. */
export interface AuthRequestContext {
  origin: string;
  runId?: string;
  db: Db;
  /** The client's wall clock: when it received tokens (its session row) and when the run was last seen. */
  wall: WallClock;
  /** The scope the sign-in asked for (kept in a cookie), for when the token response omits `scope`. */
  scopeAsked?: string;
  /** The session this browser had before (incremental authorization replaces it). */
  previousSid?: string;
  /** Filled by next-auth's logger: why a sign-in or callback failed. */
  failure: { message?: string };
  /** Events recorded by the callbacks, put on the timeline after the route's own event. */
  pending: EventInput[];
}

interface SandboxProfile extends Record<string, unknown> {
  sub: string;
  name?: string;
  email?: string;
}

/**
 * The sandbox authorization server as a next-auth OAuth/OIDC provider:
 * discovery through the issuer's well-known URL (OpenID Connect Discovery §4),
 * the authorization code flow with PKCE (RFC 7636), `state` (RFC 6749 §10.12)
 * and `nonce` (OpenID Connect Core §3.1.2.1), client_secret_basic at the token
 * endpoint (RFC 6749 §2.3.1), and a validated ID token.
 */
function sandboxProvider(origin: string): OAuthConfig<SandboxProfile> {
  return {
    id: PROVIDER_ID,
    name: 'OAuth Sandbox',
    type: 'oauth',
    wellKnown: wellKnownUrl(origin),
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    client: { token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: 'RS256' },
    authorization: { params: { scope: ACCESS_CHOICES.read.scope } },
    checks: ['pkce', 'state', 'nonce'],
    idToken: true,
    profile: (claims) => ({ id: claims.sub, name: claims.name ?? claims.sub, email: claims.email ?? null }),
  };
}

const newSid = () => randomBytes(24).toString('base64url');

function claimsOf(idToken: string | undefined): Record<string, unknown> {
  if (!idToken) return {};
  try {
    return decodeJwt(idToken) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function errorMessage(metadata: unknown): string | undefined {
  if (metadata instanceof Error) return metadata.message;
  if (typeof metadata === 'object' && metadata !== null) {
    const m = metadata as { error?: unknown; message?: unknown };
    if (m.error instanceof Error) return m.error.message;
    if (typeof m.message === 'string') return m.message;
  }
  return undefined;
}

/**
 * next-auth's options for one request, built lazily (route modules are
 * evaluated during `next build`). The session is a JWT that carries only
 * `sid`; the tokens go to the client_sessions table.
 *
 * Records `client.tokens_received` (jwt callback), `client.token_revoked`
 * (signOut event) into `ctx.pending`.
 */
export function buildAuthOptions(ctx: AuthRequestContext): AuthOptions {
  return {
    secret: nextAuthSecret(),
    session: { strategy: 'jwt', maxAge: 8 * 3600 },
    providers: [sandboxProvider(ctx.origin)],
    pages: { signIn: CLIENT_HOME, error: ERROR_PAGE, signOut: CLIENT_HOME },
    callbacks: {
      async jwt({ token, account }) {
        if (!account) return token;
        const accessToken = account.access_token;
        if (!accessToken) throw new Error('the token response had no access_token');
        const claims = claimsOf(account.id_token);
        const userinfo = await fetchUserinfo(ctx.origin, accessToken);
        const asked = ctx.scopeAsked ?? ACCESS_CHOICES.read.scope;
        // RFC 6749 §5.1: `scope` may be left out when it is what was asked.
        const granted = account.scope ?? asked;
        const sid = newSid();
        const nowMs = ctx.wall();
        if (ctx.runId) ensureRun(ctx.db, ctx.runId, nowMs);
        insertClientSession(
          ctx.db,
          {
            id: sid,
            runId: ctx.runId ?? null,
            sub: typeof claims.sub === 'string' ? claims.sub : account.providerAccountId,
            scopeRequested: asked,
            scopeGranted: granted,
            accessToken,
            refreshToken: account.refresh_token ?? null,
            idToken: account.id_token ?? null,
            idTokenClaims: claims,
            userinfo: userinfo.claims ?? null,
          },
          nowMs,
        );
        // Incremental authorization replaced the previous session: the client forgets it.
        if (ctx.previousSid && ctx.previousSid !== sid) deleteClientSession(ctx.db, ctx.previousSid);
        ctx.pending.push({
          from: 'auth-server',
          to: 'client',
          type: 'client.tokens_received',
          summary: `Notes Assistant received tokens for ${String(claims.sub ?? account.providerAccountId)}: scope ${granted}; it keeps them on its server, the browser gets a session cookie`,
          outcome: 'ok',
          tokens: tokenViews({ access_token: accessToken, refresh_token: account.refresh_token, id_token: account.id_token }),
          consent: { requested: splitScope(asked), granted: splitScope(granted) },
          data: {
            scope_asked: asked,
            scope_granted: granted,
            token_type: account.token_type,
            expires_at: account.expires_at,
            refresh_token_received: Boolean(account.refresh_token),
            userinfo: userinfo.claims ?? null,
          },
        });
        // All the session cookie carries: the id of the server-side row.
        return { sid };
      },
      async session({ session }) {
        // /api/auth/session shows no tokens and no claims: the browser needs none.
        return { expires: session.expires };
      },
    },
    events: {
      async signOut({ token }) {
        const sid = typeof token?.sid === 'string' ? token.sid : undefined;
        const row = sid ? findClientSession(ctx.db, sid) : undefined;
        if (!row) return;
        // RFC 7009 §2.1: revoking the refresh token also ends the grant's access tokens at a conforming server.
        const [token_, hint] = row.refreshToken
          ? ([row.refreshToken, 'refresh_token'] as const)
          : ([row.accessToken, 'access_token'] as const);
        const r = await revokeToken(ctx.origin, token_, hint);
        deleteClientSession(ctx.db, row.id);
        ctx.pending.push({
          from: 'client',
          to: 'auth-server',
          type: 'client.token_revoked',
          summary: r.ok
            ? `Notes Assistant revoked its ${hint.replace('_', ' ')} (RFC 7009)`
            : `Notes Assistant could not revoke its ${hint.replace('_', ' ')}: ${r.failure ?? `HTTP ${r.status}`}`,
          outcome: r.ok ? 'ok' : 'error',
          ...(r.wire ? { http: r.wire } : {}),
          tokens: tokenViews({ [hint]: token_ }),
          data: { token_type_hint: hint, status: r.status },
        });
      },
    },
    logger: {
      error(code, metadata) {
        ctx.failure.message = errorMessage(metadata) ?? code;
        console.error(`[next-auth] ${code}: ${ctx.failure.message}`);
      },
      warn() {},
      debug() {},
    },
  };
}
