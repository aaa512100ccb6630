import { redirectUrisFor, type RegisteredClient } from './clients';
import type { AuthServerDeps } from './deps';
import {
  invalidRequest,
  invalidScope,
  invalidTarget,
  OAuthError,
  unauthorizedClient,
  unsupportedResponseType,
} from '@/lib/oauth/errors';
import type { Params } from '@/lib/oauth/params';
import { isValidCodeChallenge, PKCE_METHOD } from '@/lib/oauth/pkce';
import { hasFragment, redirectUriMatches } from '@/lib/oauth/redirect-uri';
import { parseScope } from '@/lib/oauth/scopes';
import { allowedScopes, DEFAULT_SCOPE_DEFINITIONS, scopesSupported, whatClientMayAskFor, type ScopeDefinitions } from './scope-definitions';

declare const validated: unique symbol;

/**
 * OpenID Connect Core §3.1.2.1 `prompt` values this authorization server
 * honours (the metadata's `prompt_values_supported`). `select_account` shows
 * the sign-in page, which is the list of accounts to choose from.
 */
export const PROMPT_VALUES = ['none', 'login', 'consent', 'select_account'] as const;
type Prompt = (typeof PROMPT_VALUES)[number];
const isPrompt = (p: string): p is Prompt => (PROMPT_VALUES as readonly string[]).includes(p);

interface AuthorizationRequest {
  client: RegisteredClient;
  /** Where the response goes: the requested URI, or the only registered one when none was sent. */
  redirectUri: string;
  /** Whether the request named redirect_uri: then the token request must repeat it (RFC 6749 §4.1.3). */
  redirectUriInRequest: boolean;
  /** The scopes requested, known and allowed for this client, in request order. */
  scope: string[];
  state?: string;
  /** RFC 7636 §4.3: an S256 challenge, format checked. */
  codeChallenge: string;
  /** RFC 8707 §2: the one resource (audience) the token will be for. */
  resource: string;
  /** OpenID Connect Core §3.1.2.1: echoed in the ID token. */
  nonce?: string;
  prompt: Prompt[];
  /** OpenID Connect Core §3.1.2.1: the sign-in may be at most this many seconds old (0: sign in again). */
  maxAge?: number;
  /** OpenID Connect Core §3.1.2.1: an ID token this server issued, as a hint about the user (verified by the caller). */
  idTokenHint?: string;
}

/**
 * An authorization request that passed every check, in order. Only
 * validateAuthorizationRequest makes one, so a code can only be issued for
 * a request that was validated.
 */
export type ValidatedAuthorizationRequest = Readonly<AuthorizationRequest> & { readonly [validated]: true };

/** Where an error may be sent: a redirect URI already verified for the client, and the state, if sent. */
export interface ErrorRedirect {
  redirectUri: string;
  state?: string;
}

export type AuthorizationRequestResult =
  | { ok: true; request: ValidatedAuthorizationRequest }
  /** Not redirectable (bad client_id or redirect_uri): shown on a page, with how to fix it. */
  | { ok: false; error: OAuthError; redirect?: undefined; fix: string }
  /** Redirected to the client with error, error_description, state and iss. */
  | { ok: false; error: OAuthError; redirect: ErrorRedirect; fix?: undefined };

type ValidationDeps = Pick<AuthServerDeps, 'clients' | 'origin' | 'defaultResource'>;

const page = (description: string, fix: string): AuthorizationRequestResult => ({
  ok: false,
  error: invalidRequest(description, { redirectable: false }),
  fix,
});

/**
 * Validates an authorization request in the order RFC 6749 §4.1.2.1
 * demands: first `client_id` and `redirect_uri`, whose errors are never
 * redirected (an unverified URI would make this server an open redirector,
 * RFC 9700 §4.11.2), so an invalid redirect wins over any other error (A5);
 * then, with a verified redirect URI, duplicated parameters (§3.1),
 * `response_type`, the client's grant types, `scope` (§3.3), PKCE S256
 * (RFC 7636 §4.4.1, RFC 9700 §2.1.1), `resource` (RFC 8707 §2), OpenID
 * Connect's `request`, `request_uri` and `registration` (refused, Core
 * §3.1.2.6), `redirect_uri`, `prompt` and `max_age` (Core §3.1.2.1). The
 * parameters it does not name are ignored, as Core §3.1.2.1 allows for
 * `display`, `ui_locales`, `claims_locales`, `login_hint`, `acr_values` and
 * `claims` (docs/spec-conformance.md, "OpenID Connect request parameters").
 *
 * `runId` is the run the request belongs to: a client registered in another
 * run (RFC 7591) is unknown here.
 *
 * Pure: it records no events and reads no store. It does not check the
 * user's session or consent.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1
 */
export function validateAuthorizationRequest(
  params: Params,
  deps: ValidationDeps,
  scopes: ScopeDefinitions = DEFAULT_SCOPE_DEFINITIONS,
  runId?: string,
): AuthorizationRequestResult {
  // 1. client_id (§4.1.2.1: "missing, invalid, or mismatching" → inform the resource owner, do not redirect)
  if (params.repeated('client_id'))
    return page('client_id was sent more than once', 'Send client_id exactly once in the authorization request.');
  const clientId = params.get('client_id');
  if (clientId === undefined)
    return page('client_id is missing', 'Add the client_id parameter, for example client_id=cli or client_id=notes-assistant.');
  const client = deps.clients.find(clientId);
  if (!client) {
    const why = deps.clients.whyUnknown?.(clientId);
    if (why)
      return page(
        why,
        'A URL client_id must name a client ID metadata document: JSON served at that URL itself (no redirect, at most 5 KB), whose client_id is the URL and whose redirect_uris list yours; https, or http on 127.0.0.1, [::1], localhost or the sandbox itself.',
      );
    return page(
      `client_id ${clientId} is not a registered client`,
      'Use the client_id of a registered client: the home page lists them (notes-assistant, cli, ...).',
    );
  }
  // A client registered at /as/register belongs to the run that registered it (DESIGN.md, Safe to share).
  if (client.run_id !== undefined && client.run_id !== runId)
    return page(
      `client_id ${clientId} is not registered in this run`,
      'A registered client is usable only in the run that registered it: register it again from this browser (Register your app), or send X-Sandbox-Run with the run that registered it.',
    );

  // 2. redirect_uri, compared by exact string (§3.1.2.3; RFC 9700 §4.1.3), loopback ports excepted (RFC 8252 §7.3)
  const registered = redirectUrisFor(client, deps.origin);
  const listed = registered.length ? `Registered for ${clientId}: ${registered.join(', ')}` : `${clientId} has no redirect URI registered`;
  const anyPort = client.loopback_any_port ? ' (any port on these loopback addresses)' : '';
  if (params.repeated('redirect_uri'))
    return page('redirect_uri was sent more than once', `Send redirect_uri exactly once. ${listed}${anyPort}.`);
  const requested = params.get('redirect_uri');
  let redirectUri: string;
  if (requested !== undefined) {
    if (hasFragment(requested))
      return page(
        `redirect_uri ${requested} contains a fragment (#...)`,
        `A redirect URI must not have a fragment (RFC 6749 §3.1.2). ${listed}${anyPort}.`,
      );
    if (!redirectUriMatches(requested, registered, { loopbackAnyPort: client.loopback_any_port }))
      return page(
        `redirect_uri ${requested} is not registered for ${clientId}`,
        `Send one of the registered redirect URIs, character for character (RFC 9700 §4.1.3). ${listed}${anyPort}.`,
      );
    redirectUri = requested;
  } else if (registered.length === 1) {
    redirectUri = registered[0]!; // §3.1.2.3: optional when exactly one is registered
  } else if (registered.length === 0) {
    return page(`${clientId} has no redirect URI registered`, `${clientId} cannot use the authorization endpoint: use a client made for the authorization code grant.`);
  } else {
    return page(
      `redirect_uri is missing and ${clientId} has several registered`,
      `Add redirect_uri to say which one to use. ${listed}${anyPort}.`,
    );
  }

  // From here on errors go back to the verified redirect URI.
  const fail = (error: OAuthError, state?: string): AuthorizationRequestResult => ({ ok: false, error, redirect: { redirectUri, state } });
  // §3.1: "Request and response parameters MUST NOT be included more than once" (RFC 8707 lets resource repeat).
  if (params.repeated('state')) return fail(invalidRequest('state must not be included more than once'));
  const state = params.get('state');
  const repeated = params.names().find((n) => n !== 'resource' && params.repeated(n));
  if (repeated) return fail(invalidRequest(`${repeated} must not be included more than once`), state);

  // OpenID Connect Core §6 and §3.1.2.6: request objects and `registration` are not supported. Refused
  // before anything else, since the request object may hold the parameters (and the nonce) the client means.
  if (params.has('request')) return fail(new OAuthError('request_not_supported', 'request objects (the request parameter) are not supported'), state);
  if (params.has('request_uri'))
    return fail(new OAuthError('request_uri_not_supported', 'request objects by reference (the request_uri parameter) are not supported'), state);
  if (params.has('registration'))
    return fail(new OAuthError('registration_not_supported', 'the registration parameter is not supported: clients are registered in advance'), state);

  // 3. response_type (§4.1.1, §4.1.2.1; RFC 9700 §2.1.2: no implicit grant)
  const responseType = params.get('response_type');
  if (responseType === undefined) return fail(invalidRequest('response_type is required: send response_type=code'), state);
  if (responseType !== 'code')
    return fail(unsupportedResponseType(`response_type ${responseType} is not supported: only code (the authorization code grant)`), state);
  if (!client.grant_types.includes('authorization_code'))
    return fail(unauthorizedClient(`${clientId} is not registered for the authorization code grant`), state);
  const responseMode = params.get('response_mode');
  if (responseMode !== undefined && responseMode !== 'query')
    return fail(invalidRequest(`response_mode ${responseMode} is not supported: only query`), state);

  // 4. scope (§3.3): the run's scopes, and those this client may ask for
  const scope = parseScope(params.get('scope'));
  const allowed = allowedScopes(client, scopes);
  if (scope === null) return fail(invalidScope('scope contains a character that a scope token may not have'), state);
  if (scope.length === 0)
    return fail(invalidScope(allowed.length > 0 ? `scope is required: ask for one or more of ${allowed.join(' ')}` : `scope is required, but ${whatClientMayAskFor(clientId, allowed)}`), state);
  const known = scopesSupported(scopes);
  const unknown = scope.find((s) => !known.includes(s));
  if (unknown) return fail(invalidScope(`unknown scope ${unknown}`), state);
  const notAllowed = scope.find((s) => !allowed.includes(s));
  if (notAllowed) return fail(invalidScope(`${clientId} may not ask for scope ${notAllowed}`), state);

  // 5. PKCE, S256 only, for every client (RFC 7636 §4.4.1; RFC 9700 §2.1.1)
  const codeChallenge = params.get('code_challenge');
  if (codeChallenge === undefined) return fail(invalidRequest('code challenge required'), state);
  // §4.3: a missing method defaults to plain, which this server does not support (P3)
  if (params.get('code_challenge_method') !== PKCE_METHOD) return fail(invalidRequest('transform algorithm not supported'), state);
  if (!isValidCodeChallenge(codeChallenge))
    return fail(invalidRequest('code_challenge must be the base64url SHA-256 of the code_verifier: 43 characters of A-Z a-z 0-9 - _'), state);

  // 6. resource (RFC 8707 §2): an absolute URI without a fragment, and one this server issues tokens for
  const resources = params.toObject()['resource'];
  for (const r of resources === undefined ? [] : Array.isArray(resources) ? resources : [resources]) {
    if (!isAbsoluteUri(r) || hasFragment(r))
      return fail(invalidTarget(`resource ${r} must be an absolute URI without a fragment`), state);
    if (r !== deps.defaultResource)
      return fail(invalidTarget(`resource ${r} is unknown: this authorization server issues tokens for ${deps.defaultResource} only`), state);
  }

  // 7. OpenID Connect Core §3.1.2.1: redirect_uri REQUIRED (O4); prompt values
  if (scope.includes('openid') && requested === undefined)
    return fail(invalidRequest('redirect_uri is required in an OpenID Connect request (scope openid)'), state);
  const prompt = (params.get('prompt') ?? '').split(' ').filter((p) => p !== '');
  const badPrompt = prompt.find((p) => !isPrompt(p));
  if (badPrompt) return fail(invalidRequest(`prompt ${badPrompt} is not supported: use ${PROMPT_VALUES.join(', ')}`), state);
  if (prompt.includes('none') && prompt.length > 1)
    return fail(invalidRequest('prompt none must not be combined with other values'), state);
  // Core §3.1.2.1: max_age is a number of seconds, a non-negative integer.
  const rawMaxAge = params.get('max_age');
  if (rawMaxAge !== undefined && !/^(0|[1-9][0-9]{0,9})$/.test(rawMaxAge))
    return fail(invalidRequest('max_age must be a non-negative integer number of seconds'), state);

  const request: AuthorizationRequest = {
    client,
    redirectUri,
    redirectUriInRequest: requested !== undefined,
    scope,
    state,
    codeChallenge,
    resource: deps.defaultResource,
    nonce: params.get('nonce'),
    // Stryker disable next-line MethodExpression: equivalent, badPrompt above refused any other value; the filter only narrows the type
    prompt: prompt.filter(isPrompt),
    ...(rawMaxAge !== undefined ? { maxAge: Number(rawMaxAge) } : {}),
    ...(params.has('id_token_hint') ? { idTokenHint: params.get('id_token_hint') } : {}),
  };
  return { ok: true, request: request as ValidatedAuthorizationRequest };
}

function isAbsoluteUri(value: string): boolean {
  // RFC 3986 §4.3: absolute-URI = scheme ":" hier-part [ "?" query ]. The value itself must begin with
  // the scheme (a URL parser would strip a leading space); the parser checks the rest.
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && URL.canParse(value);
}
