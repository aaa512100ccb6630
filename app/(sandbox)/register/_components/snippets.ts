/**
 * Configuration snippets for a client just registered at /as/register,
 * filled in with its values: what a developer pastes into their own app.
 * Each names the issuer, so discovery (RFC 8414, OpenID Discovery) finds
 * every endpoint; each uses PKCE (RFC 7636), which the sandbox requires.
 */

export interface RegisteredValues {
  origin: string;
  client_id: string;
  client_secret?: string;
  token_endpoint_auth_method: string;
  redirect_uris: string[];
  scope: string;
}

export type SnippetId = 'next-auth' | 'authjs' | 'openid-client' | 'oauth4webapi' | 'curl';
export const SNIPPET_NAMES: Record<SnippetId, string> = {
  'next-auth': 'next-auth v4',
  authjs: 'Auth.js (next-auth v5)',
  'openid-client': 'openid-client v6',
  oauth4webapi: 'oauth4webapi',
  curl: 'curl',
};

const q = (s: string) => JSON.stringify(s);

export function snippet(id: SnippetId, v: RegisteredValues): string {
  const issuer = `${v.origin}/as`;
  const redirect = v.redirect_uris[0] ?? `${v.origin}/callback`;
  const secretLine = v.client_secret ? `  clientSecret: ${q(v.client_secret)},\n` : '';
  const oidc = v.scope.split(' ').includes('openid');
  switch (id) {
    case 'next-auth':
      return `// pages/api/auth/[...nextauth].ts or app/api/auth/[...nextauth]/route.ts (next-auth v4)
// Redirect URI registered: ${redirect}  (next-auth's is {NEXTAUTH_URL}/api/auth/callback/sandbox)
providers: [{
  id: 'sandbox',
  name: 'OAuth Sandbox',
  type: 'oauth',
  wellKnown: ${q(`${issuer}/.well-known/openid-configuration`)},
  clientId: ${q(v.client_id)},
${secretLine}  client: { token_endpoint_auth_method: ${q(v.token_endpoint_auth_method)}${oidc ? ", id_token_signed_response_alg: 'RS256'" : ''} },
  authorization: { params: { scope: ${q(v.scope)} } },
  checks: ['pkce', 'state'${oidc ? ", 'nonce'" : ''}],
  idToken: ${oidc},
  profile: (p) => ({ id: p.sub, name: p.name ?? p.sub }),${oidc ? '' : `\n  userinfo: ${q(`${issuer}/userinfo`)},`}
}]`;
    case 'authjs':
      return `// auth.ts (Auth.js / next-auth v5); it uses oauth4webapi, which wants https:
// on http://localhost run it in development or behind https.
// Redirect URI registered: ${redirect}  (Auth.js's is {AUTH_URL}/api/auth/callback/sandbox)
providers: [{
  id: 'sandbox',
  name: 'OAuth Sandbox',
  type: ${oidc ? "'oidc'" : "'oauth'"},
  issuer: ${q(issuer)},
  clientId: ${q(v.client_id)},
${secretLine}  client: { token_endpoint_auth_method: ${q(v.token_endpoint_auth_method)} },
  authorization: { params: { scope: ${q(v.scope)} } },
  checks: ['pkce', 'state'],
}]`;
    case 'openid-client': {
      const auth =
        v.token_endpoint_auth_method === 'none'
          ? 'client.None()'
          : v.token_endpoint_auth_method === 'client_secret_post'
            ? `client.ClientSecretPost(${q(v.client_secret ?? '')})`
            : `client.ClientSecretBasic(${q(v.client_secret ?? '')})`;
      return `import * as client from 'openid-client';

const config = await client.discovery(new URL(${q(issuer)}), ${q(v.client_id)}, undefined, ${auth},
  { execute: [client.allowInsecureRequests] }); // the sandbox runs on http://localhost
const verifier = client.randomPKCECodeVerifier();
const url = client.buildAuthorizationUrl(config, {
  redirect_uri: ${q(redirect)},
  scope: ${q(v.scope)},
  code_challenge: await client.calculatePKCECodeChallenge(verifier),
  code_challenge_method: 'S256',
  state: client.randomState(),
});
// ...after the redirect back to ${redirect}:
const tokens = await client.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: verifier, expectedState: state });`;
    }
    case 'oauth4webapi': {
      const auth =
        v.token_endpoint_auth_method === 'none'
          ? 'oauth.None()'
          : v.token_endpoint_auth_method === 'client_secret_post'
            ? `oauth.ClientSecretPost(${q(v.client_secret ?? '')})`
            : `oauth.ClientSecretBasic(${q(v.client_secret ?? '')})`;
      return `import * as oauth from 'oauth4webapi';

const issuer = new URL(${q(issuer)});
const options = { [oauth.allowInsecureRequests]: true }; // the sandbox runs on http://localhost
const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, options));
const client = { client_id: ${q(v.client_id)} };
const clientAuth = ${auth};
const verifier = oauth.generateRandomCodeVerifier();
// authorization URL: as.authorization_endpoint with response_type=code, client_id, redirect_uri=${redirect},
//   scope=${v.scope}, state, code_challenge=await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method=S256
// ...after the redirect back:
const params = oauth.validateAuthResponse(as, client, currentUrl, state);
const tokens = await oauth.processAuthorizationCodeResponse(as, client,
  await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, ${q(redirect)}, verifier, options));`;
    }
    case 'curl': {
      const auth =
        v.token_endpoint_auth_method === 'client_secret_basic'
          ? ` -u '${v.client_id}:${v.client_secret ?? ''}'`
          : v.token_endpoint_auth_method === 'client_secret_post'
            ? ` -d client_id='${v.client_id}' -d client_secret='${v.client_secret ?? ''}'`
            : ` -d client_id='${v.client_id}'`;
      const query = new URLSearchParams({ response_type: 'code', client_id: v.client_id, redirect_uri: redirect, scope: v.scope, state: 'xyz' });
      return `VERIFIER=$(openssl rand -base64 48 | tr -d '=+/\\n' | cut -c1-64)
CHALLENGE=$(printf %s "$VERIFIER" | openssl dgst -sha256 -binary | openssl base64 | tr '+/' '-_' | tr -d '=\\n')
# 1. open in the browser that owns your run, sign in, consent; you land on ${redirect}?code=...
echo "${issuer}/authorize?${query.toString()}&code_challenge=$CHALLENGE&code_challenge_method=S256"
# 2. exchange the code
curl -s ${issuer}/token${auth} -d grant_type=authorization_code \\
  --data-urlencode redirect_uri='${redirect}' -d code_verifier=$VERIFIER -d code=PASTE_CODE`;
    }
  }
}
