/**
 * RFC 9068 §2.1: "Authorization servers and resource servers conforming to
 * this specification MUST include RS256 among their supported signature
 * algorithms." Against the running sandbox (SANDBOX_URL): a run switched to
 * `accessTokenAlg: RS256` gets an RS256 access token from the real token
 * endpoint (client_credentials as `reporting-service`), oauth4webapi
 * validates it against the published JWKS, and the Notes API accepts it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import * as oauth from 'oauth4webapi';
import { newRun } from './helpers/run';

const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const issuer = new URL(`${origin}/as`);
const resource = `${origin}/rs`;
const run = await newRun(origin);
const runId = run.id;

const http = { [oauth.allowInsecureRequests]: true, headers: { ...run.named, ...run.owner } };
const reporting: oauth.Client = { client_id: 'reporting-service' };

let as: oauth.AuthorizationServer;

async function setAlg(accessTokenAlg: string): Promise<Response> {
  return fetch(`${origin}/api/runs/current`, {
    method: 'PATCH',
    headers: { ...run.owner, 'content-type': 'application/json' },
    body: JSON.stringify({ accessTokenAlg }),
  });
}

async function serviceToken(): Promise<string> {
  const res = await oauth.clientCredentialsGrantRequest(as, reporting, oauth.ClientSecretBasic('reporting-service-secret'), { scope: 'notes:read' }, http);
  return (await oauth.processClientCredentialsResponse(as, reporting, res)).access_token;
}

/** GET /rs/api/notes with the token. */
function notes(token: string): Promise<Response> {
  return fetch(`${resource}/api/notes`, { headers: { authorization: `Bearer ${token}` } });
}

describe('RFC 9068 §2.1 RS256 access tokens from the running sandbox', () => {
  beforeAll(async () => {
    as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...http, algorithm: 'oauth2' }));
  });

  it('refuses an algorithm that is not ES256 or RS256, by name, and leaves the run as it was', async () => {
    expect((await setAlg('RS256')).status).toBe(200);
    const res = await setAlg('HS256');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'accessTokenAlg', detail: 'accessTokenAlg must be "ES256" or "RS256".' });
    // Refused means unchanged: the run still issues RS256 (not HS256, not back to the default ES256).
    expect(decodeProtectedHeader(await serviceToken()).alg).toBe('RS256');
  });

  it('J1 issues an RS256 at+jwt that oauth4webapi validates against the JWKS, and the Notes API answers 200 with it', async () => {
    const patched = await setAlg('RS256');
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { settings: { accessTokenAlg: string } }).settings.accessTokenAlg).toBe('RS256');

    const token = await serviceToken();
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt', kid: expect.any(String) });
    const jwks = (await (await fetch(`${issuer.href}/jwks`)).json()) as { keys: { kid: string; kty: string; alg?: string }[] };
    // Every published key names its algorithm; the token's kid is the RSA key's.
    expect(jwks.keys.every((k) => k.alg === 'ES256' || k.alg === 'RS256')).toBe(true);
    expect(jwks.keys.find((k) => k.kid === header.kid)).toMatchObject({ kty: 'RSA', alg: 'RS256' });

    const claims = await oauth.validateJwtAccessToken(
      as,
      new Request(`${resource}/api/notes`, { headers: { authorization: `Bearer ${token}` } }),
      resource,
      { [oauth.allowInsecureRequests]: true, signingAlgorithms: ['RS256'] },
    );
    expect(claims).toMatchObject({ iss: issuer.href, aud: resource, sub: 'reporting-service', client_id: 'reporting-service', scope: 'notes:read', sandbox_run: runId });

    const res = await notes(token);
    expect(res.status, res.headers.get('www-authenticate') ?? '').toBe(200);
    expect(((await res.json()) as { notes: { id: string }[] }).notes.map((n) => n.id)).toEqual(['n2', 'n7']);

    const events = ((await (await fetch(`${origin}/api/runs/current/events`, { headers: { ...run.named, ...run.owner } })).json()) as {
      events: { type: string; checks?: { name: string; passed: boolean; reason: string }[] }[];
    }).events;
    const verified = events.filter((e) => e.type === 'access_token.verified').pop()!;
    expect(verified.checks!.find((c) => c.name === 'algorithm')).toMatchObject({ passed: true, reason: 'alg RS256 is on the allowlist (ES256, RS256)' });
  });

  it('back to ES256: the next token is ES256 again, and the RS256 one is still accepted', async () => {
    // Sets RS256 itself: this test must not rely on the one before it having run.
    expect((await setAlg('RS256')).status).toBe(200);
    const rs256 = await serviceToken();
    expect(decodeProtectedHeader(rs256)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect((await setAlg('ES256')).status).toBe(200);
    const es256 = await serviceToken();
    expect(decodeProtectedHeader(es256)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect((await notes(es256)).status).toBe(200);
    expect((await notes(rs256)).status).toBe(200);
  });
});
