import { beforeAll, describe, expect, it } from 'vitest';
import * as oauth from 'oauth4webapi';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl, CookieJar } from './helpers/authorize';
import { newRun as ownRun } from './helpers/run';

/**
 * Issue 8 §1 and §2 over HTTP, with oauth4webapi as the strict client where
 * it helps: `resource` repeated at both endpoints (RFC 8707 §2), any other
 * parameter repeated (RFC 6749 §3.2), request objects refused (OpenID
 * Connect Core §6), max_age and prompt=login (Core §3.1.2.1) on the run's clock.
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const issuer = new URL(`${origin}/as`);
const resource = `${origin}/rs`;
const redirectUri = 'http://127.0.0.1:49153/callback';
const cli: oauth.Client = { client_id: 'cli', token_endpoint_auth_method: 'none' };
const newRun = () => `it-params-${crypto.randomUUID().replace(/-/g, '')}`;
const httpFor = (runId: string) => ({ [oauth.allowInsecureRequests]: true, headers: { 'x-sandbox-run': runId } });

let as: oauth.AuthorizationServer;
beforeAll(async () => {
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, httpFor(newRun())));
});

async function authorizationUrl(o: { state: string; nonce?: string; verifier: string; scope?: string; extra?: Record<string, string> }) {
  return buildAuthorizationUrl({
    origin,
    clientId: 'cli',
    redirectUri,
    scope: o.scope ?? 'openid notes:read',
    state: o.state,
    nonce: o.nonce,
    codeChallenge: await oauth.calculatePKCECodeChallenge(o.verifier),
    extra: o.extra,
  });
}

describe('RFC 8707 §2 resource may repeat at both endpoints (oauth4webapi)', () => {
  it('a client sending its resource list to both endpoints redeems its code; aud is the one resource (RFC 9068 §3)', async () => {
    const runId = newRun();
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const url = await authorizationUrl({ state, nonce, verifier });
    url.searchParams.append('resource', resource);
    url.searchParams.append('resource', resource);
    const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', runId });
    const params = oauth.validateAuthResponse(as, cli, callback, state);
    const res = await oauth.authorizationCodeGrantRequest(as, cli, oauth.None(), params, redirectUri, verifier, {
      ...httpFor(runId),
      additionalParameters: new URLSearchParams([['resource', resource], ['resource', resource]]),
    });
    const tokens = await oauth.processAuthorizationCodeResponse(as, cli, res, { expectedNonce: nonce, requireIdToken: true });
    const claims = await oauth.validateJwtAccessToken(
      as,
      new Request(`${resource}/api/notes`, { headers: { authorization: `Bearer ${tokens.access_token}` } }),
      resource,
      { [oauth.allowInsecureRequests]: true },
    );
    expect(claims.aud).toBe(resource);
  });

  it('RFC 8707 §2.2 a second resource outside the grant is invalid_target at the token endpoint', async () => {
    const runId = newRun();
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = await authorizationUrl({ state, verifier, scope: 'notes:read' });
    const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', runId });
    const params = oauth.validateAuthResponse(as, cli, callback, state);
    const res = await oauth.authorizationCodeGrantRequest(as, cli, oauth.None(), params, redirectUri, verifier, {
      ...httpFor(runId),
      additionalParameters: new URLSearchParams([['resource', resource], ['resource', 'https://other.example/api']]),
    });
    const err = await oauth.processAuthorizationCodeResponse(as, cli, res).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(oauth.ResponseBodyError);
    expect((err as oauth.ResponseBodyError).error).toBe('invalid_target');
    expect((err as oauth.ResponseBodyError).error_description).toBe(`resource https://other.example/api was not granted: tokens here are for ${resource}`);
  });
});

describe('RFC 6749 §3.2 no other parameter twice at the token endpoint', () => {
  it('scope=a&scope=b&state=1&state=2 on authorization_code: 400 invalid_request, no-store, and the code still works', async () => {
    const runId = newRun();
    const verifier = oauth.generateRandomCodeVerifier();
    const url = await authorizationUrl({ state: 's', verifier, scope: 'notes:read' });
    const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', runId });
    const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: 'cli', code: callback.searchParams.get('code')!, redirect_uri: redirectUri, code_verifier: verifier });
    const post = (extra: string) =>
      fetch(`${origin}/as/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-sandbox-run': runId }, body: `${body.toString()}${extra}` });
    const res = await post('&scope=a&scope=b&state=1&state=2');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: 'scope must not be included more than once' });
    expect((await post('')).status).toBe(200);
  });
});

describe('OpenID Connect Core §6 request objects are refused at the authorization endpoint', () => {
  it.each([
    ['request', 'eyJhbGciOiJub25lIn0.eyJub25jZSI6Im4ifQ.', 'request_not_supported'],
    ['request_uri', 'https://app.example/r.jwt', 'request_uri_not_supported'],
  ])('%s: 303 to the client with the error, state and iss (oauth4webapi reads it)', async (name, value, error) => {
    const runId = newRun();
    const state = oauth.generateRandomState();
    const url = await authorizationUrl({ state, verifier: oauth.generateRandomCodeVerifier(), extra: { [name]: value } });
    const res = await fetch(url, { redirect: 'manual', headers: { 'x-sandbox-run': runId } });
    expect(res.status).toBe(303);
    const callback = new URL(res.headers.get('location')!);
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    const err = (() => {
      try {
        oauth.validateAuthResponse(as, cli, callback, state); // checks iss and state first
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(oauth.AuthorizationResponseError);
    expect((err as oauth.AuthorizationResponseError).error).toBe(error);
  });
});

describe('OpenID Connect Core §3.1.2.1 max_age and prompt=login over HTTP', () => {
  async function signedIn(runId: string, jar: CookieJar) {
    const verifier = oauth.generateRandomCodeVerifier();
    const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: await authorizationUrl({ state: 's', verifier }), user: 'alice', runId, jar });
    expect(callback.searchParams.get('code')).toBeTruthy();
  }

  it('max_age=60 after a one-hour clock jump: login_required with prompt=none; the sign-in page otherwise', async () => {
    // Its clock is the owner's to change (the run key); the flow only names the run.
    const run = await ownRun(origin);
    const runId = run.id;
    const jar = new CookieJar();
    await signedIn(runId, jar);
    const jump = await fetch(`${origin}/api/runs/current`, {
      method: 'PATCH',
      headers: { ...run.owner, 'content-type': 'application/json', origin },
      body: JSON.stringify({ clockOffset: 3600 }),
    });
    expect(jump.status).toBe(200);
    const get = async (extra: Record<string, string>) =>
      fetch(await authorizationUrl({ state: 's2', verifier: oauth.generateRandomCodeVerifier(), extra }), {
        redirect: 'manual',
        headers: { 'x-sandbox-run': runId, cookie: jar.header() },
      });
    const none = await get({ max_age: '60', prompt: 'none' });
    expect(none.status).toBe(303);
    const loc = new URL(none.headers.get('location')!);
    expect([loc.searchParams.get('error'), loc.searchParams.get('state'), loc.searchParams.get('iss')]).toEqual(['login_required', 's2', issuer.href]);
    const page = await get({ max_age: '60' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/as\/authorize\/sign-in\?request=/);
    // Without max_age the same session still gives a code at once (consent is remembered).
    const silent = await get({});
    expect(new URL(silent.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });

  it('prompt=login with a live session goes to the sign-in page, not to the client', async () => {
    const runId = newRun();
    const jar = new CookieJar();
    await signedIn(runId, jar);
    const res = await fetch(await authorizationUrl({ state: 's3', verifier: oauth.generateRandomCodeVerifier(), extra: { prompt: 'login' } }), {
      redirect: 'manual',
      headers: { 'x-sandbox-run': runId, cookie: jar.header() },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/as\/authorize\/sign-in\?request=/);
  });
});
