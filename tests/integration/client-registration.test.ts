/**
 * Dynamic client registration (RFC 7591) over HTTP against the running
 * sandbox: the metadata announces the endpoint, every refusal has its error
 * code and a description that says what to fix, each token endpoint auth
 * method works with the client it registered, and oauth4webapi registers a
 * client and runs the code flow with it unchanged. A registered client
 * belongs to the run that registered it: unknown in another run, gone with
 * a reset. Registering changes the run, so it takes the run's key (issue 14):
 * X-Sandbox-Run alone only names the run and is refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as oauth from 'oauth4webapi';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl, newPkce } from './helpers/authorize';

const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const issuer = new URL(`${origin}/as`);
const redirectUri = 'http://127.0.0.1:49153/callback';

interface Run {
  id: string;
  key: string;
}

/** A run of this test's own, with its key (POST /api/runs). */
async function newRun(): Promise<Run> {
  const res = await fetch(`${origin}/api/runs`, { method: 'POST' });
  expect(res.status).toBe(201);
  return (await res.json()) as Run;
}

/** As an outside tool registers: the run key (X-Sandbox-Run-Key), the run's owner; `as` 'named' sends the run id only. */
async function register(run: Run | undefined, body: unknown, contentType = 'application/json', as: 'owner' | 'named' = 'owner') {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (run && as === 'owner') headers['x-sandbox-run-key'] = run.key;
  if (run && as === 'named') headers['x-sandbox-run'] = run.id;
  return fetch(`${origin}/as/register`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function expectRegistrationError(res: Response, error: string, words: string) {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = (await res.json()) as { error: string; error_description: string };
  expect(body.error).toBe(error);
  expect(body.error_description).toContain(words);
}

let run: Run;
let as: oauth.AuthorizationServer;
const http = () => ({ [oauth.allowInsecureRequests]: true, headers: { 'x-sandbox-run': run.id } });
/** The registration request of oauth4webapi, from the run's owner. */
const ownerHttp = () => ({ [oauth.allowInsecureRequests]: true, headers: { 'x-sandbox-run-key': run.key } });

/** alice signs in and consents; returns the callback URL and the PKCE verifier. */
async function authorizeAs(clientId: string, scope: string, forRun: Run = run) {
  const { verifier, challenge } = newPkce();
  const url = buildAuthorizationUrl({ origin, clientId, redirectUri, scope, state: 'st', codeChallenge: challenge });
  const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', runId: forRun.id });
  return { callback, verifier };
}

describe('RFC 7591 dynamic client registration', () => {
  beforeAll(async () => {
    run = await newRun();
    as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...http(), algorithm: 'oauth2' }));
  });

  it('§3 both metadata documents announce the registration endpoint and the page that says registration is open', async () => {
    const oidc = (await (await fetch(`${origin}/as/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(as.registration_endpoint).toBe(`${origin}/as/register`);
    expect(oidc.registration_endpoint).toBe(`${origin}/as/register`);
    expect(as.service_documentation).toBe(`${origin}/register`);
    expect(oidc.service_documentation).toBe(`${origin}/register`);
  });

  it('oauth4webapi registers a public client (none) and runs the code flow with PKCE and refresh with it', async () => {
    const registered = await oauth.processDynamicClientRegistrationResponse(
      await oauth.dynamicClientRegistrationRequest(
        as,
        { redirect_uris: [redirectUri], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], client_name: 'My CLI', application_type: 'native' },
        ownerHttp(),
      ),
    );
    expect(registered.client_secret).toBeUndefined();
    expect(registered).toMatchObject({
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [redirectUri],
      client_name: 'My CLI',
      application_type: 'native',
    });
    expect(Math.abs((registered.client_id_issued_at as number) - Date.now() / 1000)).toBeLessThan(120);
    const client: oauth.Client = { client_id: registered.client_id, token_endpoint_auth_method: 'none' };

    const { callback, verifier } = await authorizeAs(client.client_id, 'notes:read offline_access');
    const params = oauth.validateAuthResponse(as, client, callback, 'st');
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri, verifier, http()),
    );
    expect(tokens.scope).toBe('notes:read offline_access');
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, http()),
    );
    expect(refreshed.access_token).toBeTruthy();
  });

  it('client_secret_basic (the default): a secret that never expires, the code flow with Basic, and no other method', async () => {
    const res = await register(run, { redirect_uris: [redirectUri], scope: 'openid notes:read' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const registered = (await res.json()) as { client_id: string; client_secret: string; client_secret_expires_at: number; token_endpoint_auth_method: string };
    expect(registered.token_endpoint_auth_method).toBe('client_secret_basic');
    expect(registered.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(registered.client_secret_expires_at).toBe(0);
    const client: oauth.Client = { client_id: registered.client_id };

    const { callback, verifier } = await authorizeAs(client.client_id, 'openid notes:read');
    const params = oauth.validateAuthResponse(as, client, callback, 'st');
    // A body secret is not this client's method: 401 invalid_client, the code stays unused.
    const post = await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretPost(registered.client_secret), params, redirectUri, verifier, http());
    expect(post.status).toBe(401);
    expect(((await post.json()) as { error: string }).error).toBe('invalid_client');
    const wrong = await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretBasic('not-the-secret'), params, redirectUri, verifier, http());
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /);

    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretBasic(registered.client_secret), params, redirectUri, verifier, http()),
      { requireIdToken: true },
    );
    expect(oauth.getValidatedIdTokenClaims(tokens)?.aud).toBe(client.client_id);
  });

  it('client_secret_post with client_credentials: a token for the client, Basic refused', async () => {
    const res = await register(run, { grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_post', scope: 'notes:read' });
    expect(res.status).toBe(201);
    const registered = (await res.json()) as { client_id: string; client_secret: string; response_types: string[]; redirect_uris: string[] };
    expect(registered.response_types).toEqual([]);
    expect(registered.redirect_uris).toEqual([]);
    const client: oauth.Client = { client_id: registered.client_id };
    const basic = await oauth.clientCredentialsGrantRequest(as, client, oauth.ClientSecretBasic(registered.client_secret), new URLSearchParams(), http());
    expect(basic.status).toBe(401);
    const tokens = await oauth.processClientCredentialsResponse(
      as,
      client,
      await oauth.clientCredentialsGrantRequest(as, client, oauth.ClientSecretPost(registered.client_secret), new URLSearchParams(), http()),
    );
    expect(tokens.scope).toBe('notes:read');
  });

  it.each([
    [{}, 'redirect_uris is required'],
    [{ redirect_uris: 'https://app.example/cb' }, 'redirect_uris must be an array'],
    [{ redirect_uris: ['https://app.example/cb#frag'] }, 'has a fragment'],
    [{ redirect_uris: ['http://app.example/cb'] }, 'http is allowed only for the loopback IP literals'],
    [{ redirect_uris: ['http://localhost:8080/cb'] }, 'use http://127.0.0.1:PORT'],
    [{ redirect_uris: ['javascript:alert(1)'] }, 'the javascript scheme is not allowed'],
  ])('§3.2.2 invalid_redirect_uri for %j', async (body, words) => {
    await expectRegistrationError(await register(run, body), 'invalid_redirect_uri', words);
  });

  const cb = { redirect_uris: [redirectUri] };
  it.each([
    [{ ...cb, token_endpoint_auth_method: 'private_key_jwt' }, 'use none, client_secret_basic or client_secret_post'],
    [{ ...cb, grant_types: ['password'] }, "grant_type 'password' is not supported"],
    [{ ...cb, response_types: ['code id_token'] }, "response_type 'code id_token' is not supported"],
    [{ ...cb, response_types: [] }, "add 'code' to response_types"],
    [{ grant_types: ['client_credentials'], response_types: ['code'] }, 'grant_types lacks authorization_code'],
    [{ grant_types: ['client_credentials'], token_endpoint_auth_method: 'none' }, 'client_credentials needs a confidential client'],
    [{ ...cb, scope: 'notes:read notes:admin' }, 'scope notes:admin is unknown'],
    [{ ...cb, client_name: 7 }, 'client_name must be a non-empty string'],
    [{ ...cb, application_type: 'browser' }, "application_type 'browser' is not supported"],
    [[cb], 'must be a JSON object'],
  ])('§3.2.2 invalid_client_metadata for %j', async (body, words) => {
    await expectRegistrationError(await register(run, body), 'invalid_client_metadata', words);
  });

  it('§3.1 a body that is not JSON, or not sent as application/json, is invalid_client_metadata', async () => {
    await expectRegistrationError(await register(run, '{"redirect_uris": ['), 'invalid_client_metadata', 'not valid JSON');
    await expectRegistrationError(await register(run, `redirect_uris=${redirectUri}`, 'application/x-www-form-urlencoded'), 'invalid_client_metadata', 'must be application/json');
  });

  it('a registration without the run key is refused (401, how to get the key); with the key of another run, 403; nothing is registered', async () => {
    const expectRefused = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.headers.get('cache-control')).toBe('no-store');
      if (status === 401) expect(res.headers.get('www-authenticate')).toBe('RunKey realm="oauth-sandbox", header="X-Sandbox-Run-Key"');
      const body = (await res.json()) as { error: string; error_description: string };
      expect(body.error).toBe('invalid_request');
      expect(body.error_description).toContain('X-Sandbox-Run-Key');
      expect(body.error_description).toContain('POST /api/runs');
      return body;
    };
    const target = await newRun();
    // No run at all: the client would belong to nobody.
    await expectRefused(await register(undefined, cb), 401);
    // The run id alone names the run; it does not let anyone add a client to it.
    const named = await expectRefused(await register(target, cb, 'application/json', 'named'), 401);
    expect(named.error_description).toContain('X-Sandbox-Run puts your protocol requests');
    // The key of another run, naming this one.
    const other = await newRun();
    const wrong = await fetch(`${origin}/as/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sandbox-run': target.id, 'x-sandbox-run-key': other.key },
      body: JSON.stringify(cb),
    });
    await expectRefused(wrong, 403);
    const events = (await (await fetch(`${origin}/api/runs/current/events`, { headers: { 'x-sandbox-run-key': target.key } })).json()) as { events: { type: string }[] };
    expect(events.events.map((e) => e.type)).not.toContain('client.registered');
  });

  it('a registered client is usable in its own run only, and is removed with the run', async () => {
    const registered = (await (await register(run, { ...cb, token_endpoint_auth_method: 'none' })).json()) as { client_id: string };
    const other = await newRun();
    await expect(authorizeAs(registered.client_id, 'notes:read', other)).rejects.toThrow(/answered 400 .*is not registered in this run/);

    const own = await newRun();
    const mine = (await (await register(own, { ...cb, scope: 'notes:read' })).json()) as { client_id: string; client_secret: string };
    const basic = `Basic ${Buffer.from(`${mine.client_id}:${mine.client_secret}`).toString('base64')}`;
    const tokenRequest = () =>
      fetch(`${origin}/as/token`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=refresh_token&refresh_token=x' });
    // Authenticated, then refused for the grant it did not register (RFC 6749 §5.2): the client exists.
    expect(((await (await tokenRequest()).json()) as { error: string }).error).toBe('unauthorized_client');
    const reset = await fetch(`${origin}/api/runs/current/reset`, { method: 'POST', headers: { 'x-sandbox-run-key': own.key } });
    expect(reset.status).toBe(200);
    const after = await tokenRequest();
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: string }).error).toBe('invalid_client');
  });

  it("§2 scope is checked against the run's own scopes (issue 15): a scope the run defines is registered, one it dropped is invalid_client_metadata", async () => {
    const own = await newRun();
    const policy = {
      scopes: { 'notes:read': 'Read your notes', 'notes:purge': 'Delete notes for good' },
      actions: { list: ['notes:read'], read: ['notes:read'], create: ['notes:purge'], update: ['notes:purge'], delete: ['notes:purge'] },
      rules: [],
    };
    const put = await fetch(`${origin}/api/runs/current/policy`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-sandbox-run-key': own.key }, body: JSON.stringify(policy) });
    expect(put.status).toBe(200);
    const res = await register(own, { ...cb, scope: 'openid notes:purge' });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { scope: string }).scope).toBe('openid notes:purge');
    await expectRegistrationError(await register(own, { ...cb, scope: 'notes:write' }), 'invalid_client_metadata', 'scope notes:write is unknown');
    // Another run keeps the default scopes: notes:purge means nothing there.
    await expectRegistrationError(await register(run, { ...cb, scope: 'notes:purge' }), 'invalid_client_metadata', 'scope notes:purge is unknown');
  });
});
