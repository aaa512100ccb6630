import { describe, expect, it } from 'vitest';
import { validateAuthorizationRequest, type AuthorizationRequestResult } from './authorization-request';
import { clientRegistry, CLIENTS, type RegisteredClient } from './clients';
import { Params } from '@/lib/oauth/params';

const ORIGIN = 'http://localhost:3000';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
// c1: a confidential client with two redirect URIs, one with a query; p1: one redirect URI.
const C1: RegisteredClient = {
  client_id: 'c1',
  client_name: 'Client One',
  client_secret: 's1',
  token_endpoint_auth_methods: ['client_secret_basic'],
  grant_types: ['authorization_code'],
  redirect_uris: ['https://app.example/cb', 'https://app.example/cb2?x=1'],
  scopes: ['openid', 'notes:read', 'notes:write'],
  description: 'test',
};
const P1: RegisteredClient = { ...C1, client_id: 'p1', client_secret: undefined, redirect_uris: ['https://p1.example/cb'], scopes: ['openid', 'notes:read'] };
const deps = {
  clients: clientRegistry([...CLIENTS, C1, P1]),
  origin: ORIGIN,
  defaultResource: `${ORIGIN}/rs`,
};

const GOOD: [string, string][] = [
  ['response_type', 'code'],
  ['client_id', 'c1'],
  ['redirect_uri', 'https://app.example/cb'],
  ['scope', 'notes:read'],
  ['state', 's'],
  ['code_challenge', CHALLENGE],
  ['code_challenge_method', 'S256'],
];

/** GOOD with some parameters replaced (undefined removes), and `extra` appended (duplicates allowed). */
function validate(replace: Record<string, string | undefined> = {}, extra: [string, string][] = []): AuthorizationRequestResult {
  const q = new URLSearchParams();
  for (const [k, v] of GOOD) if (!(k in replace)) q.append(k, v);
  for (const [k, v] of Object.entries(replace)) if (v !== undefined) q.append(k, v);
  for (const [k, v] of extra) q.append(k, v);
  return validateAuthorizationRequest(new Params(q), deps);
}

/** Expects a 400 page (never redirected), with this description. */
function expectPage(r: AuthorizationRequestResult, description: string | RegExp) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.redirect).toBeUndefined();
  expect(r.error.redirectable).toBe(false);
  expect(r.error.status).toBe(400);
  expect(r.error.description).toMatch(description);
  expect(r.fix).toBeTruthy();
}

/** Expects an error redirected to `redirectUri`, with error, description and state together (null: no state). */
function expectRedirect(r: AuthorizationRequestResult, error: string, description: string | RegExp, state: string | null = 's', redirectUri = 'https://app.example/cb') {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.redirect).toEqual({ redirectUri, state: state ?? undefined });
  if (state === null) expect(r.redirect?.state).toBeUndefined();
  expect(r.error.code).toBe(error);
  expect(r.error.description).toMatch(description);
}

describe('RFC 6749 §4.1.2.1 authorization endpoint: client and redirect_uri first (1a)', () => {
  it('A1 an unknown client_id gets a page, no redirect', () => {
    expectPage(validate({ client_id: 'nope' }), 'client_id nope is not a registered client');
  });
  it('A2 a missing client_id gets a page', () => {
    expectPage(validate({ client_id: undefined }), 'client_id is missing');
  });
  it('A3 a redirect_uri that is not the registered string gets a page', () => {
    for (const uri of ['https://app.example/cb/', 'https://app.example/cb?x=1', 'http://app.example/cb', 'https://APP.EXAMPLE/cb']) {
      expectPage(validate({ redirect_uri: uri }), `redirect_uri ${uri} is not registered for c1`);
    }
  });
  it('A4 redirect_uri omitted while the client has two registered gets a page', () => {
    expectPage(validate({ redirect_uri: undefined }), 'redirect_uri is missing and c1 has several registered');
  });
  it('A4 a redirect_uri with a fragment gets a page', () => {
    expectPage(validate({ redirect_uri: 'https://app.example/cb#frag' }), 'redirect_uri https://app.example/cb#frag contains a fragment (#...)');
  });
  it('A5 an invalid redirect_uri wins over response_type=bogus', () => {
    expectPage(validate({ redirect_uri: 'https://evil.example/cb', response_type: 'bogus' }), /is not registered/);
  });
  it('A10 client_id or redirect_uri sent twice gets a page', () => {
    expectPage(validate({}, [['client_id', 'c1']]), 'client_id was sent more than once');
    expectPage(validate({}, [['redirect_uri', 'https://app.example/cb']]), 'redirect_uri was sent more than once');
  });
  it('a client with no redirect URI (client_credentials only) gets a page', () => {
    expectPage(validate({ client_id: 'reporting-service', redirect_uri: undefined }), 'reporting-service has no redirect URI registered');
  });
  it('§3.1.2.3 redirect_uri may be omitted when exactly one is registered (not OpenID)', () => {
    const r = validate({ client_id: 'p1', redirect_uri: undefined });
    expect(r.ok && r.request.redirectUri).toBe('https://p1.example/cb');
    expect(r.ok && r.request.redirectUriInRequest).toBe(false);
  });
});

describe('RFC 6749 §4.1.2.1 authorization endpoint: redirected errors (1a)', () => {
  it('A6 response_type=token redirects with unsupported_response_type and state', () => {
    expectRedirect(validate({ response_type: 'token' }), 'unsupported_response_type', 'response_type token is not supported: only code (the authorization code grant)');
  });
  it('A6 a missing response_type is invalid_request', () => {
    expectRedirect(validate({ response_type: undefined }), 'invalid_request', 'response_type is required: send response_type=code');
  });
  it('B3 RFC 9700 §2.1.2 no response_mode but query: fragment and form_post are invalid_request', () => {
    for (const mode of ['fragment', 'form_post']) {
      expectRedirect(validate({ response_mode: mode }), 'invalid_request', `response_mode ${mode} is not supported: only query`);
    }
    expect(validate({ response_mode: 'query' }).ok).toBe(true);
  });
  it('A7 an unknown scope redirects with invalid_scope', () => {
    expectRedirect(validate({ scope: 'notes:read notes:delete' }), 'invalid_scope', 'unknown scope notes:delete');
  });
  it('A7 a known scope the client may not ask for is invalid_scope', () => {
    expectRedirect(
      validate({ client_id: 'p1', redirect_uri: 'https://p1.example/cb', scope: 'notes:write' }),
      'invalid_scope',
      'p1 may not ask for scope notes:write',
      's',
      'https://p1.example/cb',
    );
  });
  it('§3.3 a missing scope is invalid_scope (no default scope)', () => {
    expectRedirect(validate({ scope: undefined }), 'invalid_scope', /^scope is required/);
  });
  it('§3.3 a missing scope, for a client the run leaves no scope, says so in a whole sentence', () => {
    const q = new URLSearchParams(GOOD.filter(([k]) => k !== 'scope'));
    q.set('client_id', 'e1');
    const E1: RegisteredClient = { ...C1, client_id: 'e1', scopes: [] };
    const r = validateAuthorizationRequest(new Params(q), { ...deps, clients: clientRegistry([...CLIENTS, E1]) });
    expectRedirect(r, 'invalid_scope', 'scope is required, but e1 may ask for no scope in this run');
  });
  it('A9 state sent twice is invalid_request, without echoing either state', () => {
    expectRedirect(validate({}, [['state', 't']]), 'invalid_request', 'state must not be included more than once', null);
  });
  it('A9 scope (or any other parameter) sent twice is invalid_request', () => {
    expectRedirect(validate({}, [['scope', 'notes:read']]), 'invalid_request', 'scope must not be included more than once');
    expectRedirect(validate({}, [['code_challenge', CHALLENGE]]), 'invalid_request', 'code_challenge must not be included more than once');
  });
  it('A11 keeps the registered query and the verified redirect URI', () => {
    const r = validate({ redirect_uri: 'https://app.example/cb2?x=1' });
    expect(r.ok && r.request.redirectUri).toBe('https://app.example/cb2?x=1');
  });
  it('A12 no state in the request means no state to echo', () => {
    const r = validate({ state: undefined });
    expect(r.ok && r.request.state).toBeUndefined();
    expectRedirect(validate({ state: undefined, response_type: 'token' }), 'unsupported_response_type', /not supported/, null);
  });
  it('§4.1.2.1 a client not registered for the code grant is unauthorized_client', () => {
    const svc: RegisteredClient = { ...P1, client_id: 'svc', grant_types: ['client_credentials'] };
    const r = validateAuthorizationRequest(
      new Params(new URLSearchParams([...GOOD.filter(([k]) => k !== 'client_id' && k !== 'redirect_uri'), ['client_id', 'svc']])),
      { ...deps, clients: clientRegistry([svc]) },
    );
    expectRedirect(r, 'unauthorized_client', 'svc is not registered for the authorization code grant', 's', 'https://p1.example/cb');
  });
});

describe('RFC 7636 PKCE at the authorization endpoint (2)', () => {
  it('P2 §4.4.1 code_challenge_method=plain is invalid_request', () => {
    expectRedirect(validate({ code_challenge_method: 'plain' }), 'invalid_request', 'transform algorithm not supported');
  });
  it('P3 §4.3 a challenge without a method defaults to plain: same error', () => {
    expectRedirect(validate({ code_challenge_method: undefined }), 'invalid_request', 'transform algorithm not supported');
  });
  it('P4 §4.4.1 no code_challenge is invalid_request, for every client', () => {
    expectRedirect(validate({ code_challenge: undefined, code_challenge_method: undefined }), 'invalid_request', 'code challenge required');
    expectRedirect(validate({ code_challenge: undefined }), 'invalid_request', 'code challenge required');
  });
  it('P9 a code_challenge that breaks the format rules is invalid_request', () => {
    for (const bad of ['a'.repeat(42), 'a'.repeat(129), `${CHALLENGE.slice(0, 42)}+`, `${CHALLENGE.slice(0, 42)}=`]) {
      expectRedirect(validate({ code_challenge: bad }), 'invalid_request', /^code_challenge must be the base64url SHA-256/);
    }
  });
});

describe('RFC 8252 §7.3 loopback redirects (3)', () => {
  const cli = (redirect_uri: string) => validate({ client_id: 'cli', redirect_uri });
  it('L1 accepts the registered loopback URI on any port, for 127.0.0.1 and [::1]', () => {
    expect(cli('http://127.0.0.1:53117/callback').ok).toBe(true);
    expect(cli('http://[::1]:53117/callback').ok).toBe(true);
  });
  it('L2 rejects another path on the loopback address with a page', () => {
    expectPage(cli('http://127.0.0.1:53117/other'), 'redirect_uri http://127.0.0.1:53117/other is not registered for cli');
  });
  it('L3 treats localhost as an ordinary host: not registered, a page', () => {
    expectPage(cli('http://localhost:53117/callback'), /is not registered for cli/);
  });
});

describe('RFC 8707 resource at the authorization endpoint (5)', () => {
  it('J3 without resource the audience is the default resource', () => {
    const r = validate();
    expect(r.ok && r.request.resource).toBe(`${ORIGIN}/rs`);
  });
  it('J3 resource naming this server s resource is accepted, even repeated', () => {
    expect(validate({ resource: `${ORIGIN}/rs` }).ok).toBe(true);
    expect(validate({ resource: `${ORIGIN}/rs` }, [['resource', `${ORIGIN}/rs`]]).ok).toBe(true);
  });
  it('J4 a relative resource or one with a fragment is invalid_target', () => {
    expectRedirect(validate({ resource: '/rs' }), 'invalid_target', 'resource /rs must be an absolute URI without a fragment');
    expectRedirect(validate({ resource: `${ORIGIN}/rs#x` }), 'invalid_target', `resource ${ORIGIN}/rs#x must be an absolute URI without a fragment`);
  });
  it('J4 any other resource is invalid_target: this server serves one', () => {
    expectRedirect(validate({ resource: 'https://other.example/api' }), 'invalid_target', /^resource https:\/\/other.example\/api is unknown/);
  });
});

describe('OpenID Connect Core §3.1.2.1 (8)', () => {
  it('O4 an openid request must name redirect_uri, even with one registered', () => {
    expectRedirect(
      validate({ client_id: 'p1', redirect_uri: undefined, scope: 'openid notes:read' }),
      'invalid_request',
      'redirect_uri is required in an OpenID Connect request (scope openid)',
      's',
      'https://p1.example/cb',
    );
  });
  it('O1 keeps the nonce for the ID token', () => {
    const r = validate({ scope: 'openid', nonce: 'n-123' });
    expect(r.ok && r.request.nonce).toBe('n-123');
  });
  it('prompt takes none, login, consent, select_account; none alone', () => {
    const r = validate({ prompt: 'login consent' });
    expect(r.ok && r.request.prompt).toEqual(['login', 'consent']);
    const s = validate({ prompt: 'select_account consent' });
    expect(s.ok && s.request.prompt).toEqual(['select_account', 'consent']);
    expectRedirect(validate({ prompt: 'create' }), 'invalid_request', 'prompt create is not supported: use none, login, consent, select_account');
    expectRedirect(validate({ prompt: 'none consent' }), 'invalid_request', 'prompt none must not be combined with other values');
    expectRedirect(validate({ prompt: 'none select_account' }), 'invalid_request', 'prompt none must not be combined with other values');
    expectRedirect(validate({ prompt: 'login none' }), 'invalid_request', 'prompt none must not be combined with other values');
  });
});

describe('RFC 6749 §4.1.2.1: the page for a bad client_id or redirect_uri says how to fix the request', () => {
  it('a redirect_uri mismatch lists the URIs registered for the client', () => {
    const r = validate({ redirect_uri: 'https://app.example/other' });
    expectPage(r, 'redirect_uri https://app.example/other is not registered for c1');
    expect(!r.ok && r.fix).toContain('Registered for c1: https://app.example/cb, https://app.example/cb2?x=1.');
    expect(!r.ok && r.fix).not.toContain('any port');
  });
  it('RFC 8252 §7.3: for a loopback client it adds that any port on those addresses will do', () => {
    const r = validate({ client_id: 'cli', redirect_uri: 'http://127.0.0.1:53117/other' });
    expect(!r.ok && r.fix).toContain('Registered for cli: http://127.0.0.1/callback, http://[::1]/callback (any port on these loopback addresses).');
  });
  it('a client with no redirect URI says so instead of an empty list', () => {
    const r = validate({ client_id: 'reporting-service', redirect_uri: 'https://app.example/cb' });
    expectPage(r, 'redirect_uri https://app.example/cb is not registered for reporting-service');
    expect(!r.ok && r.fix).toContain('reporting-service has no redirect URI registered.');
  });
  it('RFC 7591: a client registered in another run is unknown in this one, and the page says to register it again', () => {
    const mine: RegisteredClient = { ...C1, client_id: 'r1', run_id: 'run-a' };
    const q = new URLSearchParams(GOOD.filter(([k]) => k !== 'client_id'));
    q.set('client_id', 'r1');
    const r = validateAuthorizationRequest(new Params(q), { ...deps, clients: clientRegistry([mine]) }, undefined, 'run-b');
    expectPage(r, 'client_id r1 is not registered in this run');
    expect(!r.ok && r.fix).toMatch(/register it again/);
    expect(validateAuthorizationRequest(new Params(q), { ...deps, clients: clientRegistry([mine]) }, undefined, 'run-a').ok).toBe(true);
  });
});

describe('draft-ietf-oauth-client-id-metadata-document: an unknown URL client_id says why its document was refused', () => {
  const url = 'https://app.example/client.json';
  const q = () => {
    const s = new URLSearchParams(GOOD.filter(([k]) => k !== 'client_id'));
    s.set('client_id', url);
    return new Params(s);
  };
  it('the registry s reason is the page s error, with how a metadata document must look', () => {
    const clients = { find: () => undefined, whyUnknown: (id: string) => `client_id ${id}: the document is larger than 5 KB` };
    const r = validateAuthorizationRequest(q(), { ...deps, clients });
    expectPage(r, `client_id ${url}: the document is larger than 5 KB`);
    expect(!r.ok && r.fix).toMatch(/client ID metadata document/);
  });
  it('a registry with nothing to say (or no whyUnknown at all) gives the plain "not a registered client"', () => {
    expectPage(validateAuthorizationRequest(q(), { ...deps, clients: { find: () => undefined, whyUnknown: () => undefined } }), `client_id ${url} is not a registered client`);
    expectPage(validateAuthorizationRequest(q(), { ...deps, clients: { find: () => undefined } }), `client_id ${url} is not a registered client`);
  });
});

describe('RFC 6749 §3.3, RFC 8707 §2 and OpenID Connect Core §3.1.2.1: parameter syntax', () => {
  it('§3.3 a scope with a character a scope-token may not have (") is invalid_scope', () => {
    expectRedirect(validate({ scope: 'notes:read "x"' }), 'invalid_scope', 'scope contains a character that a scope token may not have');
    expectRedirect(validate({ scope: 'notes:read\\x' }), 'invalid_scope', 'scope contains a character that a scope token may not have');
  });
  it('RFC 3986 §4.3: a resource that does not begin with a scheme, or that no URL parser takes, is not an absolute URI (invalid_target)', () => {
    // A URL parser strips the leading space; the value sent is still not an absolute URI.
    expectRedirect(validate({ resource: ` ${ORIGIN}/rs` }), 'invalid_target', `resource  ${ORIGIN}/rs must be an absolute URI without a fragment`);
    expectRedirect(validate({ resource: 'http://' }), 'invalid_target', 'resource http:// must be an absolute URI without a fragment');
  });
  it('prompt is a space-delimited list: extra spaces separate nothing', () => {
    const r = validate({ prompt: ' login  consent ' });
    expect(r.ok && r.request.prompt).toEqual(['login', 'consent']);
    const none = validate({ prompt: 'none ' });
    expect(none.ok && none.request.prompt).toEqual(['none']);
  });
  it('max_age is kept as a number of seconds, and absent when not sent', () => {
    const r = validate({ max_age: '60' });
    expect(r.ok && r.request.maxAge).toBe(60);
    const without = validate();
    expect(without.ok).toBe(true);
    expect(without.ok && without.request.maxAge).toBeUndefined();
  });
});
