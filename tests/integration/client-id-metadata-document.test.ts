/**
 * Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document)
 * over HTTP: a client_id that is a URL names a JSON document, served here by
 * a small node:http server on 127.0.0.1 (nothing outside loopback is ever
 * fetched). The authorization server requires the document's client_id to
 * equal the URL, refuses redirects, oversize documents and slow servers, and
 * refuses http for any host but loopback and itself without fetching; the
 * consent page says which document was fetched and marks the name as
 * self-asserted; oauth4webapi runs the code flow with such a client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oauth from 'oauth4webapi';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl, CookieJar, newPkce, parseForm } from './helpers/authorize';

const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const issuer = new URL(`${origin}/as`);
const redirectUri = 'http://127.0.0.1:49154/callback';
const runId = `it-cimd-${crypto.randomUUID().replace(/-/g, '')}`;

let docs: http.Server;
let base: string;
/** How many times each path was fetched. */
const hits = new Map<string, number>();

function documentFor(url: string, extra: Record<string, unknown> = {}) {
  return { client_id: url, client_name: 'Doc App', redirect_uris: [redirectUri], grant_types: ['authorization_code'], token_endpoint_auth_method: 'none', ...extra };
}

beforeAll(async () => {
  docs = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const url = `${base}${path}`;
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path.startsWith('/good')) return json(documentFor(url));
    if (path.startsWith('/mismatch')) return json(documentFor(`${base}/someone-else.json`));
    if (path.startsWith('/redirect')) {
      res.writeHead(302, { location: `${base}/good-target.json` });
      return res.end();
    }
    if (path.startsWith('/big')) return json(documentFor(url, { client_uri: `https://app.example/${'x'.repeat(6000)}` }));
    if (path.startsWith('/slow')) return setTimeout(() => json(documentFor(url)), 6000);
    if (path.startsWith('/secret')) return json(documentFor(url, { client_secret: 's' }));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => docs.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(docs.address() as AddressInfo).port}`;
});

afterAll(async () => {
  docs.closeAllConnections();
  await new Promise((resolve) => docs.close(resolve));
});

const authorizeUrl = (clientId: string) => {
  const { challenge } = newPkce();
  return buildAuthorizationUrl({ origin, clientId, redirectUri, scope: 'notes:read', state: 'st', codeChallenge: challenge });
};

describe('client ID metadata documents', () => {
  it('the metadata announces client_id_metadata_document_supported', async () => {
    const meta = (await (await fetch(`${origin}/.well-known/oauth-authorization-server/as`)).json()) as Record<string, unknown>;
    expect(meta.client_id_metadata_document_supported).toBe(true);
  });

  it('the consent page names the fetched document and marks the name as self-asserted', async () => {
    const clientId = `${base}/good-consent.json`;
    const jar = new CookieJar();
    const get = async (url: URL | string, body?: URLSearchParams) => {
      const res = await fetch(url, {
        method: body ? 'POST' : 'GET',
        headers: { cookie: jar.header(), 'x-sandbox-run': runId, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body,
        redirect: 'manual',
      });
      jar.store(res);
      return res;
    };
    const toSignIn = await get(authorizeUrl(clientId));
    expect(toSignIn.status).toBe(303);
    const signInUrl = new URL(toSignIn.headers.get('location')!, origin);
    const form = parseForm(await (await get(signInUrl)).text())!;
    const body = new URLSearchParams(form.hidden);
    body.set('user', 'alice');
    const toConsent = await get(new URL(form.action, signInUrl), body);
    expect(toConsent.status).toBe(303);
    const consent = await get(new URL(toConsent.headers.get('location')!, origin));
    expect(consent.status).toBe(200);
    const text = (await consent.text()).replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');
    expect(text).toContain('Doc App (self-asserted name)');
    expect(text).toContain(`fetched the client ID metadata document at ${clientId}`);
    expect(text).toContain(`"redirect_uris": [ "${redirectUri}" ]`);
  });

  it('oauth4webapi runs the code flow with a URL client_id; the document is fetched once and cached', async () => {
    const clientId = `${base}/good-flow.json`;
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { [oauth.allowInsecureRequests]: true }));
    const client: oauth.Client = { client_id: clientId, token_endpoint_auth_method: 'none' };
    const { verifier, challenge } = newPkce();
    const url = buildAuthorizationUrl({ origin, clientId, redirectUri, scope: 'notes:read', state: 'st', codeChallenge: challenge });
    const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', runId });
    const params = oauth.validateAuthResponse(as, client, callback, 'st');
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri, verifier, { [oauth.allowInsecureRequests]: true }),
    );
    expect(tokens.scope).toBe('notes:read');
    expect(hits.get('/good-flow.json')).toBe(1);
  });

  it('a redirect_uri the document does not list is a page, never a redirect', async () => {
    const url = authorizeUrl(`${base}/good-other.json`);
    url.searchParams.set('redirect_uri', 'http://127.0.0.1:49154/elsewhere');
    await expect(authorizeInBrowserlessFlow({ origin, authorizationUrl: url, runId })).rejects.toThrow(/answered 400 .*is not registered for/);
  });

  it.each([
    ['/mismatch.json', `its client_id '${'BASE'}/someone-else.json' is not the URL it was fetched from`],
    ['/redirect.json', 'it answered 302, a redirect: the document must be served at the client_id URL itself (redirects are not followed)'],
    ['/big.json', 'it is larger than 5120 bytes'],
    ['/slow.json', 'no answer within 3 s'],
    ['/secret.json', 'it contains a client_secret'],
  ])('a document at %s is refused on a page that says why', async (path, why) => {
    const clientId = `${base}${path}`;
    const err = await authorizeInBrowserlessFlow({ origin, authorizationUrl: authorizeUrl(clientId), runId }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/answered 400/);
    expect(err?.message).toContain(`client ID metadata document ${clientId} refused: ${why.replace('BASE', base)}`);
    if (path === '/redirect.json') expect(hits.get('/good-target.json')).toBeUndefined();
  });

  it('http for a host other than loopback or the sandbox is refused without fetching', async () => {
    const err = await authorizeInBrowserlessFlow({ origin, authorizationUrl: authorizeUrl('http://example.com/client.json'), runId }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toContain('client_id http://example.com/client.json cannot be fetched: http is accepted only for loopback hosts');
  });
});

describe('client ID metadata documents on the timeline', () => {
  interface DocEvent {
    type: string;
    from: string;
    to: string;
    outcome: string;
    summary: string;
    data?: { url?: string; cache?: string; status?: number; claims?: Record<string, unknown>; problem?: string };
    http?: { request?: { method?: string; url?: string }; response?: { status?: number; body?: string } };
  }
  const documentEvents = async (run: { key: string }) => {
    const res = await fetch(`${origin}/api/runs/current/events`, { headers: { 'x-sandbox-run-key': run.key } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { events: DocEvent[] }).events.filter((e) => e.type === 'client_id_document.fetched');
  };

  it('a fetch is the authorization server’s GET of the document (status, what it claimed), then a cache hit; a refusal says why', async () => {
    const run = (await (await fetch(`${origin}/api/runs`, { method: 'POST' })).json()) as { id: string; key: string };
    const named = { 'x-sandbox-run': run.id };
    const clientId = `${base}/good-timeline.json`;
    // No one is signed in: the authorization endpoint sends the browser on to its sign-in page.
    for (let i = 0; i < 2; i++) expect((await fetch(authorizeUrl(clientId), { headers: named, redirect: 'manual' })).status).toBe(303);
    const mismatch = `${base}/mismatch-timeline.json`;
    expect((await fetch(authorizeUrl(mismatch), { headers: named, redirect: 'manual' })).status).toBe(400);
    const [fetched, cached, refused, ...more] = await documentEvents(run);
    expect(more).toEqual([]);
    expect(fetched).toMatchObject({ from: 'auth-server', to: 'client', outcome: 'ok', data: { url: clientId, cache: 'miss', status: 200, claims: documentFor(clientId) } });
    expect(fetched!.http?.request).toMatchObject({ method: 'GET', url: clientId });
    expect(JSON.parse(fetched!.http!.response!.body!)).toEqual(documentFor(clientId));
    expect(fetched!.summary).toBe(`Fetched the client ID metadata document ${clientId}: Doc App (self-asserted)`);
    expect(cached).toMatchObject({ from: 'auth-server', to: 'auth-server', outcome: 'ok', data: { url: clientId, cache: 'hit', claims: documentFor(clientId) } });
    expect(cached!.http).toBeUndefined();
    expect(refused).toMatchObject({ from: 'auth-server', to: 'client', outcome: 'denied', data: { url: mismatch, cache: 'miss', status: 200 } });
    expect(refused!.data!.problem).toContain('is not the URL it was fetched from');
  });
});
