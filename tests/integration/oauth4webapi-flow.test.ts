/**
 * The authorization server driven by oauth4webapi, a strict outside client,
 * over HTTP against the running sandbox (SANDBOX_URL): discovery, the code
 * flow with PKCE as the public `cli` client with a loopback redirect,
 * refresh with rotation and replay, introspection as `notes-api`,
 * revocation, UserInfo, client credentials as `reporting-service`, and JWT
 * access token validation against the JWKS, before and after a key rotation.
 * The pattern is oauth4webapi's own tap/end2end.ts against node-oidc-provider.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as oauth from 'oauth4webapi';
import { newRun, runEvents } from './helpers/run';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl } from './helpers/authorize';
import { rotateSigningKeys } from './helpers/signing-keys';

const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const issuer = new URL(`${origin}/as`);
const resource = `${origin}/rs`;
const run = await newRun(origin);
const runId = run.id;
const redirectUri = 'http://127.0.0.1:49152/callback';

const http = { [oauth.allowInsecureRequests]: true, headers: { ...run.named, ...run.owner } };
const cli: oauth.Client = { client_id: 'cli', token_endpoint_auth_method: 'none' };
const notesApi: oauth.Client = { client_id: 'notes-api' };
const notesApiAuth = oauth.ClientSecretBasic('notes-api-secret');
const reporting: oauth.Client = { client_id: 'reporting-service' };

let as: oauth.AuthorizationServer;

async function expectOAuthError(p: Promise<unknown>, error: string) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(oauth.ResponseBodyError);
  expect((err as oauth.ResponseBodyError).error).toBe(error);
}

const introspect = async (token: string) =>
  oauth.processIntrospectionResponse(as, notesApi, await oauth.introspectionRequest(as, notesApi, notesApiAuth, token, http));

/** The run's last event seq: a test reads only what its own requests record after it. */
const lastSeq = async () => Math.max(0, ...(await runEvents(origin, run)).map((e) => e.seq));

/** Each type must be on the run's timeline among the events recorded after seq `since` (this test's own). */
async function expectRecordedSince(since: number, types: string[]) {
  const recorded = (await runEvents(origin, run)).filter((e) => e.seq > since).map((e) => e.type);
  for (const type of types) expect(recorded).toContain(type);
}

/** Signs alice in, consents to everything asked, and returns the validated callback parameters and the PKCE verifier. */
async function authorize(scope: string, nonce: string) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = buildAuthorizationUrl({
    origin,
    clientId: cli.client_id,
    redirectUri,
    scope,
    state,
    nonce,
    codeChallenge: await oauth.calculatePKCECodeChallenge(verifier),
  });
  const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', runId, runKey: run.key });
  // RFC 9207: oauth4webapi requires `iss` (metadata says it is supported) and checks `state`.
  return { params: oauth.validateAuthResponse(as, cli, callback, state), verifier };
}

async function codeFlow(scope: string) {
  const nonce = oauth.generateRandomNonce();
  const { params, verifier } = await authorize(scope, nonce);
  const res = await oauth.authorizationCodeGrantRequest(as, cli, oauth.None(), params, redirectUri, verifier, http);
  // With openid, oauth4webapi validates the ID token and its nonce (O1); without, it expects none.
  return oauth.processAuthorizationCodeResponse(as, cli, res, scope.includes('openid') ? { expectedNonce: nonce, requireIdToken: true } : undefined);
}

describe('oauth4webapi against the sandbox authorization server', () => {
  beforeAll(async () => {
    as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...http, algorithm: 'oauth2' }));
  });

  it('M1 M2 M5 discovers the same metadata by RFC 8414 and by OpenID Discovery', async () => {
    const oidc = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...http, algorithm: 'oidc' }));
    expect(oidc).toEqual(as);
    expect(as.issuer).toBe(issuer.href);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    expect(as.authorization_response_iss_parameter_supported).toBe(true);
  });

  it('runs the code flow with PKCE, refreshes with rotation, and answers a replayed refresh token with invalid_grant', async () => {
    const since = await lastSeq();
    const tokens = await codeFlow('openid profile offline_access notes:read');
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.scope).toBe('openid profile offline_access notes:read');
    const idClaims = oauth.getValidatedIdTokenClaims(tokens)!;
    expect(idClaims).toMatchObject({ iss: issuer.href, sub: 'alice', aud: 'cli' });

    // J6 / §9.10: the resource server's view of the access token, checked against the JWKS.
    const claims = await oauth.validateJwtAccessToken(
      as,
      new Request(`${resource}/api/notes`, { headers: { authorization: `Bearer ${tokens.access_token}` } }),
      resource,
      { [oauth.allowInsecureRequests]: true },
    );
    expect(claims).toMatchObject({ iss: issuer.href, aud: resource, sub: 'alice', client_id: 'cli', sandbox_run: runId });

    // O5: UserInfo's sub equals the ID token's.
    const info = await oauth.processUserInfoResponse(as, cli, idClaims.sub, await oauth.userInfoRequest(as, cli, tokens.access_token, http));
    expect(info).toEqual({ sub: 'alice', name: 'Alice', role: 'editor' });

    const rt1 = tokens.refresh_token!;
    const refreshed = await oauth.processRefreshTokenResponse(as, cli, await oauth.refreshTokenGrantRequest(as, cli, oauth.None(), rt1, http));
    const rt2 = refreshed.refresh_token!;
    expect(rt2).toBeTruthy();
    expect(rt2).not.toBe(rt1);
    expect((await introspect(refreshed.access_token)).active).toBe(true);

    // B2: the rotated token used again revokes the whole grant.
    await expectOAuthError(
      oauth.processRefreshTokenResponse(as, cli, await oauth.refreshTokenGrantRequest(as, cli, oauth.None(), rt1, http)),
      'invalid_grant',
    );
    expect(await introspect(refreshed.access_token)).toEqual({ active: false });
    expect(await introspect(rt2)).toEqual({ active: false });
    // Every step is on the run's timeline.
    await expectRecordedSince(since, [
      'client_authentication.succeeded',
      'token.issued',
      'userinfo.answered',
      'token.refreshed',
      'introspection.answered',
      'refresh_token.replayed',
    ]);
  });

  it('introspects as notes-api (Basic with form-urlencoded notes%2Dapi), then revokes as cli', async () => {
    const since = await lastSeq();
    const tokens = await codeFlow('openid notes:read notes:write');
    expect(tokens.refresh_token).toBeUndefined();
    const active = await introspect(tokens.access_token);
    expect(active).toMatchObject({ active: true, client_id: 'cli', sub: 'alice', scope: 'openid notes:read notes:write', aud: resource });

    await oauth.processRevocationResponse(await oauth.revocationRequest(as, cli, oauth.None(), tokens.access_token, http));
    expect(await introspect(tokens.access_token)).toEqual({ active: false });
    // R1 (RFC 7009 §2.2): an unknown token is answered 200 too.
    const unknown = await oauth.revocationRequest(as, cli, oauth.None(), 'garbage', http);
    expect(unknown.status).toBe(200);
    await oauth.processRevocationResponse(unknown);
    await expectRecordedSince(since, ['introspection.answered', 'token.revoked']);
  });

  it('answers a replayed authorization code with invalid_grant and revokes the first tokens (T12)', async () => {
    const since = await lastSeq();
    const nonce = oauth.generateRandomNonce();
    const { params, verifier } = await authorize('notes:read', nonce);
    const first = await oauth.processAuthorizationCodeResponse(
      as,
      cli,
      await oauth.authorizationCodeGrantRequest(as, cli, oauth.None(), params, redirectUri, verifier, http),
    );
    await expectOAuthError(
      oauth.processAuthorizationCodeResponse(as, cli, await oauth.authorizationCodeGrantRequest(as, cli, oauth.None(), params, redirectUri, verifier, http)),
      'invalid_grant',
    );
    expect(await introspect(first.access_token)).toEqual({ active: false });
    await expectRecordedSince(since, ['authorization_code.replayed']);
  });

  it('issues a client_credentials token to reporting-service, with no user in it', async () => {
    const res = await oauth.clientCredentialsGrantRequest(as, reporting, oauth.ClientSecretBasic('reporting-service-secret'), { scope: 'notes:read' }, http);
    const tokens = await oauth.processClientCredentialsResponse(as, reporting, res);
    expect(tokens.refresh_token).toBeUndefined();
    const claims = await oauth.validateJwtAccessToken(
      as,
      new Request(`${resource}/api/notes`, { headers: { authorization: `Bearer ${tokens.access_token}` } }),
      resource,
      { [oauth.allowInsecureRequests]: true },
    );
    expect(claims).toMatchObject({ sub: 'reporting-service', client_id: 'reporting-service', scope: 'notes:read' });
  });

  it('keeps validating tokens signed before a key rotation, and validates new ones', async () => {
    const since = await lastSeq();
    const before = await codeFlow('notes:read');
    const rotated = await rotateSigningKeys(origin, run.owner);
    expect(rotated.status).toBe(200);
    const after = await codeFlow('notes:read');
    for (const t of [before, after]) {
      // A fresh copy of the metadata: oauth4webapi caches the JWKS per AuthorizationServer object.
      const claims = await oauth.validateJwtAccessToken(
        { ...as },
        new Request(`${resource}/api/notes`, { headers: { authorization: `Bearer ${t.access_token}` } }),
        resource,
        { [oauth.allowInsecureRequests]: true },
      );
      expect(claims.sub).toBe('alice');
    }
    await expectRecordedSince(since, ['signing_key.rotated']);
  });
});
