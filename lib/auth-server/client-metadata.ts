import { invalidClientMetadata, invalidRedirectUri } from '@/lib/oauth/errors';
import { hasFragment, loopbackWithoutPort, redirectUriRegistrationProblem } from '@/lib/oauth/redirect-uri';
import { formatScope, parseScope } from '@/lib/oauth/scopes';
import type { GrantType, TokenEndpointAuthMethod } from './clients';

/**
 * Client metadata (RFC 7591 §2) as this authorization server registers it:
 * every field it understands, with the defaults of §2 filled in. Fields it
 * does not understand are ignored (§2: "MUST ignore").
 */
export interface ClientMetadata {
  redirect_uris: string[];
  token_endpoint_auth_method: TokenEndpointAuthMethod;
  grant_types: GrantType[];
  response_types: 'code'[];
  client_name?: string;
  scope: string;
  /** OpenID Connect Dynamic Client Registration §2: web (the default) or native. */
  application_type: 'web' | 'native';
}

const AUTH_METHODS: readonly TokenEndpointAuthMethod[] = ['none', 'client_secret_basic', 'client_secret_post'];
const GRANT_TYPES: readonly GrantType[] = ['authorization_code', 'refresh_token', 'client_credentials'];
const MAX_NAME = 100;
const MAX_REDIRECT_URIS = 10;

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const quote = (v: unknown) => JSON.stringify(v);

/**
 * Why `uri` may not be registered by a client of this sandbox, or undefined:
 * https; http only on a loopback IP literal, any port (RFC 8252 §7.3), or on
 * the sandbox's own origin (a local sandbox on http://localhost serves its
 * own pages over http); a native app's reverse-domain private-use scheme
 * (RFC 8252 §7.1); never a fragment (RFC 6749 §3.1.2).
 */
function redirectUriProblem(uri: string, origin: string): string | undefined {
  if (hasFragment(uri)) return `redirect URI ${uri} has a fragment (#...): remove it (RFC 6749 section 3.1.2)`;
  if (URL.canParse(uri) && new URL(uri).origin === origin && !uri.includes('@')) return undefined;
  const problem = redirectUriRegistrationProblem(uri);
  if (!problem) return undefined;
  const localhostHint = /^http:\/\/localhost[:/]/i.test(uri) ? '; for an app on this machine use http://127.0.0.1:PORT/... instead of localhost (RFC 8252 section 8.3)' : '';
  return `redirect URI ${uri} is refused: ${problem}${localhostHint}`;
}

/**
 * Validates a registration request's client metadata (RFC 7591 §2, §3.1)
 * and fills in the defaults of §2: token_endpoint_auth_method
 * client_secret_basic, grant_types [authorization_code], response_types
 * [code] when the code grant is used (none otherwise), every scope in
 * `knownScopes`, application_type web. `knownScopes` is what the
 * authorization server offers: for a registration, the run's own scopes
 * (issue 15: a run defines its scopes), so a scope the run does not offer is
 * refused here (§2: the server may reject a scope it does not know).
 *
 * Rejects with invalid_redirect_uri (§3.2.2) a missing, empty or malformed
 * redirect_uris for a client of the code grant, and any URI that
 * redirectUriProblem refuses; with invalid_client_metadata a body that is
 * not a JSON object, an unknown auth method, grant or response type, grant
 * types and response types that disagree (§2.1), a public client asking for
 * client_credentials, an unknown scope, a client_name that is not a short
 * string, an unknown application_type. Every description names the field
 * and how to fix it.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7591#section-2
 */
export function validateClientMetadata(body: unknown, origin: string, knownScopes: readonly string[]): ClientMetadata {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidClientMetadata('the registration request must be a JSON object of client metadata (RFC 7591 section 3.1)');
  const m = body as Record<string, unknown>;

  const method = m.token_endpoint_auth_method ?? 'client_secret_basic';
  if (!(AUTH_METHODS as readonly unknown[]).includes(method))
    throw invalidClientMetadata(`token_endpoint_auth_method ${quote(method)} is not supported: use none, client_secret_basic or client_secret_post`);

  const grants = m.grant_types ?? ['authorization_code'];
  if (!isStringArray(grants) || grants.length === 0) throw invalidClientMetadata('grant_types must be a non-empty array of strings, e.g. ["authorization_code","refresh_token"]');
  const badGrant = grants.find((g) => !(GRANT_TYPES as readonly string[]).includes(g));
  if (badGrant !== undefined)
    throw invalidClientMetadata(`grant_type ${quote(badGrant)} is not supported: use authorization_code, refresh_token, client_credentials (no implicit or password, RFC 9700 section 2)`);
  const grantTypes = [...new Set(grants)] as GrantType[];
  const usesCode = grantTypes.includes('authorization_code');

  const responses = m.response_types ?? (usesCode ? ['code'] : []);
  if (!isStringArray(responses)) throw invalidClientMetadata('response_types must be an array of strings, e.g. ["code"]');
  const badResponse = responses.find((r) => r !== 'code');
  if (badResponse !== undefined) throw invalidClientMetadata(`response_type ${quote(badResponse)} is not supported: only code (the authorization code grant)`);
  // RFC 7591 §2.1: grant_types and response_types must agree (code ↔ authorization_code).
  if (usesCode && responses.length === 0)
    throw invalidClientMetadata('grant_types includes authorization_code but response_types lacks code: add "code" to response_types (RFC 7591 section 2.1)');
  if (!usesCode && responses.length > 0)
    throw invalidClientMetadata('response_types includes code but grant_types lacks authorization_code: add it to grant_types or drop code (RFC 7591 section 2.1)');
  if (grantTypes.includes('refresh_token') && !usesCode)
    throw invalidClientMetadata('grant_types includes refresh_token without authorization_code: refresh tokens come from the code grant here');
  if (grantTypes.includes('client_credentials') && method === 'none')
    throw invalidClientMetadata('client_credentials needs a confidential client: choose client_secret_basic or client_secret_post as token_endpoint_auth_method (RFC 6749 section 4.4)');

  const redirectUris = m.redirect_uris ?? [];
  if (!isStringArray(redirectUris)) throw invalidRedirectUri('redirect_uris must be an array of strings (absolute URIs)');
  if (usesCode && redirectUris.length === 0)
    throw invalidRedirectUri('redirect_uris is required for the authorization_code grant: send at least one, e.g. ["http://127.0.0.1:8765/callback"] (RFC 7591 section 2)');
  if (redirectUris.length > MAX_REDIRECT_URIS) throw invalidRedirectUri(`register at most ${MAX_REDIRECT_URIS} redirect URIs`);
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri, origin);
    if (problem) throw invalidRedirectUri(problem);
  }

  const scopeValue = m.scope ?? formatScope(knownScopes);
  const scopes = typeof scopeValue === 'string' ? parseScope(scopeValue) : null;
  if (scopes === null || scopes.length === 0)
    throw invalidClientMetadata(`scope must be a space-separated string of scopes, e.g. "openid notes:read"; known: ${knownScopes.join(' ')}`);
  const unknown = scopes.find((s) => !knownScopes.includes(s));
  if (unknown !== undefined) throw invalidClientMetadata(`scope ${unknown} is unknown to this authorization server: use some of ${knownScopes.join(' ')}`);

  const name = m.client_name;
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME))
    throw invalidClientMetadata(`client_name must be a non-empty string of at most ${MAX_NAME} characters`);

  const applicationType = m.application_type ?? 'web';
  if (applicationType !== 'web' && applicationType !== 'native')
    throw invalidClientMetadata(`application_type ${quote(applicationType)} is not supported: use web or native (OpenID Connect Dynamic Client Registration section 2)`);

  return {
    redirect_uris: [...redirectUris],
    token_endpoint_auth_method: method as TokenEndpointAuthMethod,
    grant_types: grantTypes,
    response_types: usesCode ? ['code'] : [],
    ...(typeof name === 'string' ? { client_name: name.trim() } : {}),
    scope: formatScope(scopes),
    application_type: applicationType,
  };
}

/** RFC 8252 §7.3: a client with a loopback IP-literal redirect URI may use any port with it. */
export function hasLoopbackRedirect(metadata: Pick<ClientMetadata, 'redirect_uris'>): boolean {
  return metadata.redirect_uris.some((u) => loopbackWithoutPort(u) !== undefined);
}
