import { issuerFor } from '@/lib/http/origin';
import { DEFAULT_SCOPE_DEFINITIONS, scopesSupported } from './scope-definitions';
import { PKCE_METHOD } from '@/lib/oauth/pkce';
import { PROMPT_VALUES } from './authorization-request';
import { ACCESS_TOKEN_ALGORITHMS, RSA_KEY_ALG } from './keys';
import { PER_RUN_DOCUMENT } from '@/lib/http/cache-control';
import { jsonResponse } from '@/lib/http/json-response';

/**
 * The authorization server's metadata (RFC 8414 §2), published unchanged at
 * both `/.well-known/oauth-authorization-server/as` (RFC 8414 §3, path
 * insertion) and `/as/.well-known/openid-configuration` (OpenID Discovery
 * §4, path appending): RFC 9068 §4 and RFC 8414 §5 want them consistent.
 * Arrays are never empty (RFC 8414 §2).
 *
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
 */
export function authorizationServerMetadata(origin: string, scopes: readonly string[] = scopesSupported(DEFAULT_SCOPE_DEFINITIONS)) {
  const issuer = issuerFor(origin);
  const secretMethods = ['client_secret_basic', 'client_secret_post'];
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    userinfo_endpoint: `${issuer}/userinfo`,
    introspection_endpoint: `${issuer}/introspect`,
    revocation_endpoint: `${issuer}/revoke`,
    // RFC 7591 §3: open registration, no initial access token; the page says so.
    registration_endpoint: `${issuer}/register`,
    service_documentation: `${origin}/register`,
    // draft-ietf-oauth-client-id-metadata-document: a client_id may be the URL of the client's metadata document.
    client_id_metadata_document_supported: true,
    // RFC 8414 §2: the scopes of the run the request names (one origin serves every run).
    scopes_supported: [...scopes],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_methods_supported: [...secretMethods, 'none'],
    // RFC 7662 §2.1: introspection requires authentication; public clients cannot introspect.
    introspection_endpoint_auth_methods_supported: secretMethods,
    // RFC 7009 §2.1: public clients may revoke their own tokens by client_id.
    revocation_endpoint_auth_methods_supported: [...secretMethods, 'none'],
    // RFC 9700 §2.1.1, RFC 7636 §4.4.1: S256 only.
    code_challenge_methods_supported: [PKCE_METHOD],
    // RFC 9207 §3: every authorization response carries `iss`.
    authorization_response_iss_parameter_supported: true,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [RSA_KEY_ALG],
    // Not registered by RFC 9068; informs clients that validate access tokens themselves.
    // Both algorithms the run setting accessTokenAlg can choose (RS256 is a MUST, RFC 9068 §2.1).
    access_token_signing_alg_values_supported: [...ACCESS_TOKEN_ALGORITHMS],
    // OpenID Connect Discovery §3, said explicitly (docs/spec-conformance.md, "OpenID Connect request
    // parameters"): no request objects (an omitted request_uri_parameter_supported would mean true),
    // no claims parameter; the prompt values honoured; every page is a full page, in English.
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    claims_parameter_supported: false,
    prompt_values_supported: [...PROMPT_VALUES],
    display_values_supported: ['page'],
    ui_locales_supported: ['en'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'at_hash', 'name', 'role'],
  };
}

/** The metadata as an HTTP response: 200 JSON, never a redirect (oauth4webapi uses redirect: 'manual'). */
export function metadataResponse(origin: string, scopes?: readonly string[]): Response {
  // It follows the run named by cookie or X-Sandbox-Run: never shared between runs by a cache.
  return jsonResponse(authorizationServerMetadata(origin, scopes), { cache: PER_RUN_DOCUMENT });
}
