/**
 * Checklist rows (/work/shared/spec-checklist.md, docs/spec-conformance.md)
 * that only the running server can show: no redirects on the URLs
 * oauth4webapi fetches with redirect: 'manual' (M4), the resource metadata
 * reached through the RS1 challenge (PR2), a replayed code's first access
 * token refused at the resource server (T12), and an error redirect that
 * oauth4webapi accepts (section 9.4). Dynamic registration (D1, D2) is in
 * client-registration.test.ts.
 */
import { describe, expect, it } from 'vitest';
import * as oauth from 'oauth4webapi';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl, newPkce } from './helpers/authorize';

const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const issuer = `${origin}/as`;
const redirectUri = 'http://127.0.0.1:48125/callback';
/** A run of the test's own, held by its key (a well-formed key is a run of its own). */
const newRun = () => `runkey_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`;

async function settings(runId: string, update: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${origin}/api/runs/current`, { method: 'PATCH', headers: { 'x-sandbox-run-key': runId, 'content-type': 'application/json' }, body: JSON.stringify(update) });
  expect(res.status).toBe(200);
}

describe('RFC 8414 / section 9.3: no redirects where oauth4webapi uses redirect: manual (M4)', () => {
  it('M4 the metadata, JWKS, token, introspection, revocation and UserInfo endpoints answer without a 3xx', async () => {
    const requests: [string, RequestInit][] = [
      [`${origin}/.well-known/oauth-authorization-server/as`, {}],
      [`${origin}/as/.well-known/openid-configuration`, {}],
      [`${origin}/.well-known/oauth-protected-resource/rs`, {}],
      [`${origin}/as/jwks`, {}],
      [`${origin}/as/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }, body: 'grant_type=client_credentials' }],
      [`${origin}/as/introspect`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=x' }],
      [`${origin}/as/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=x&client_id=cli' }],
      [`${origin}/as/userinfo`, {}],
    ];
    for (const [url, init] of requests) {
      const res = await fetch(url, { ...init, redirect: 'manual' });
      expect(res.status < 300 || res.status >= 400, `${url} answered ${res.status}`).toBe(true);
      expect(res.headers.get('location'), url).toBeNull();
    }
  });

  it('M1 section 9.8 serves the metadata and the JWKS as 200 application/json', async () => {
    for (const path of ['/.well-known/oauth-authorization-server/as', '/as/.well-known/openid-configuration', '/as/jwks']) {
      const res = await fetch(`${origin}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
  });
});

describe('RFC 9728 §3.3 protected resource metadata reached through the challenge (PR2)', () => {
  it('PR2 the resource_metadata URL of a 401 names exactly the resource the client derived it from', async () => {
    const challenge = (await fetch(`${origin}/rs/api/notes`)).headers.get('www-authenticate') ?? '';
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1];
    expect(metadataUrl).toBe(`${origin}/.well-known/oauth-protected-resource/rs`);
    // §3.1: the resource identifier is the well-known URL with the well-known path segment removed.
    const expectedResource = metadataUrl!.replace('/.well-known/oauth-protected-resource', '');
    const res = await fetch(metadataUrl!, { redirect: 'manual' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { resource: string; authorization_servers: string[] };
    expect(body.resource).toBe(expectedResource);
    expect(body.authorization_servers).toEqual([issuer]);
  });
});

describe('RFC 6749 §4.1.2 a replayed code revokes the first tokens, at the resource server too (T12)', () => {
  it('T12 the first access token: 401 invalid_token at the RS in introspection mode; local JWT mode cannot know until it expires', async () => {
    const runId = newRun();
    const { verifier, challenge } = newPkce();
    const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read offline_access', state: 's', codeChallenge: challenge });
    const code = (await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, runKey: runId })).searchParams.get('code')!;
    const redeem = () =>
      fetch(`${origin}/as/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-sandbox-run-key': runId },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'cli', code_verifier: verifier }),
      });
    const first = await redeem();
    expect(first.status).toBe(200);
    const { access_token, refresh_token } = (await first.json()) as { access_token: string; refresh_token: string };
    const rs = () => fetch(`${origin}/rs/api/notes`, { headers: { authorization: `Bearer ${access_token}` } });
    expect((await rs()).status).toBe(200);

    const second = await redeem();
    expect(second.status).toBe(400);
    expect(((await second.json()) as { error: string }).error).toBe('invalid_grant');

    // Local verification has no way to learn of the revocation (the timeline's lesson on revocation).
    expect((await rs()).status).toBe(200);
    await settings(runId, { verificationMode: 'introspection' });
    const refused = await rs();
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');

    const refreshed = await fetch(`${origin}/as/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token, client_id: 'cli' }),
    });
    expect(refreshed.status).toBe(400);
    expect(((await refreshed.json()) as { error: string }).error).toBe('invalid_grant');
  });
});

describe('section 9.4: oauth4webapi reads the error redirect (iss checked before the error)', () => {
  it('A6 B5 response_type=token comes back as unsupported_response_type with state and the exact iss', async () => {
    const as = await oauth.processDiscoveryResponse(new URL(issuer), await oauth.discoveryRequest(new URL(issuer), { [oauth.allowInsecureRequests]: true }));
    const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read', state: 'st-9', codeChallenge: newPkce().challenge });
    url.searchParams.set('response_type', 'token');
    const res = await fetch(url, { redirect: 'manual', headers: { 'x-sandbox-run-key': newRun() } });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(redirectUri);
    let error: unknown;
    try {
      oauth.validateAuthResponse(as, { client_id: 'cli' }, location, 'st-9');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(oauth.AuthorizationResponseError);
    expect((error as oauth.AuthorizationResponseError).error).toBe('unsupported_response_type');
  });
});
