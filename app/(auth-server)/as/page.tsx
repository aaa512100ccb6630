import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { MetadataView } from '@/components/metadata-view';
import { PartyFrame } from '@/components/party-frame';
import { authServerDeps } from '@/lib/auth-server/deps';
import { authorizationServerMetadata } from '@/lib/auth-server/metadata';
import { AS_SESSION_COOKIE, currentSession } from '@/lib/auth-server/sessions';
import { pageOrigin } from '@/lib/http/page-origin';
import { getDb } from '@/lib/store/db';
import { runIdOfKeyCookie } from '@/lib/runs/run-owner';
import { nullRecorder } from '@/lib/timeline/recorder';
import { EndpointList, type Endpoint } from '@/components/endpoint-list';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Authorization server · OAuth Sandbox' };

const ENDPOINTS: Endpoint[] = [
  ['/as/authorize', 'Authorization endpoint (RFC 6749 §3.1): the browser comes here to sign in and consent; a code goes back to the client.'],
  ['/as/token', 'Token endpoint (RFC 6749 §3.2): clients exchange a code or a refresh token for tokens, over the back channel.'],
  ['/as/introspect', 'Introspection (RFC 7662): the resource server asks whether a token is active.'],
  ['/as/revoke', 'Revocation (RFC 7009): a client says it no longer needs a token.'],
  ['/as/jwks', 'The public keys that verify its signed tokens (RFC 7517); the resource server fetches them.'],
  ['/as/userinfo', 'UserInfo (OpenID Connect Core §5.3): who the user is, for a token with openid.'],
  ['/as/register', 'Dynamic client registration (RFC 7591): a client registers itself for your run and gets a client_id (the run key is required).'],
];

/** The authorization server's own page: what it is, its endpoints, who is signed in here, its metadata. */
export default async function AuthorizationServerPage({ searchParams }: { searchParams: Promise<{ signed_out?: string }> }) {
  const [origin, jar, { signed_out }] = await Promise.all([pageOrigin(), cookies(), searchParams]);
  const runId = runIdOfKeyCookie(jar);
  const deps = authServerDeps({ db: getDb(), recorder: nullRecorder, origin });
  const session = runId ? currentSession(jar.get(AS_SESSION_COOKIE)?.value, runId, deps) : undefined;
  const rawUrl = `${origin}/.well-known/oauth-authorization-server/as`;
  return (
    <PartyFrame party="auth-server" url={`${origin}/as`}>
      <h1 className="text-3xl font-bold text-auth-server">Authorization server</h1>
      <p className="mt-3 max-w-3xl text-lg">
        The authorization server knows the users and the clients. The user signs in here (never at the client), chooses what to
        let a client do, and the authorization server issues the tokens that say so. The resource server trusts its tokens.
        Issuer: <code className="font-mono">{origin}/as</code>.
      </p>

      <section aria-labelledby="as-session" className="mt-8">
        <h2 id="as-session" className="text-xl font-semibold">Your sign-in here</h2>
        {signed_out !== undefined ? (
          <p role="status" className="mt-2 rounded border-l-8 border-ok bg-green-50 p-3">
            {signed_out ? `${signed_out} is signed out of the authorization server.` : 'Nobody was signed in here.'} The next
            authorization request asks who you are. Tokens already issued stay valid until they expire or are revoked.
          </p>
        ) : null}
        {session ? (
          <form method="post" action="/as/sign-out" className="mt-2 flex flex-wrap items-center gap-3">
            <p>
              Signed in at the authorization server as <strong className="font-mono">{session.userId}</strong>: a client that
              asks will not see the sign-in page again until you sign out here.
            </p>
            <button type="submit" className="rounded-lg border-2 border-auth-server bg-white px-4 py-2 font-semibold text-auth-server">
              Sign out of the authorization server
            </button>
          </form>
        ) : (
          <p className="mt-2">Nobody is signed in at the authorization server in this browser.</p>
        )}
      </section>

      <EndpointList id="as-endpoints" endpoints={ENDPOINTS} />

      <section aria-labelledby="as-metadata" className="mt-8">
        <h2 id="as-metadata" className="text-xl font-semibold">Metadata (RFC 8414)</h2>
        <p className="mt-1">What a client reads to find everything above, at the well-known address.</p>
        <div className="mt-3">
          <MetadataView metadata={authorizationServerMetadata(origin)} rawUrl={rawUrl} label="Authorization server metadata" />
        </div>
      </section>
    </PartyFrame>
  );
}
