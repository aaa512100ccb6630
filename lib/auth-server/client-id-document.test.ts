import { describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/runs/clock';
import { Params } from '@/lib/oauth/params';
import type { EventInput } from '@/lib/timeline/events';
import { clientIdDocuments, clientIdUrlProblem, DOCUMENT_CACHE_SECONDS, resolveClientIdDocument, singleClientId } from './client-id-document';

const ORIGIN = 'http://localhost:3000';
const redirect = 'http://127.0.0.1:8765/cb';

/** A fetch that serves `bodies` in turn and counts its calls. */
function fakeFetch(...bodies: unknown[]) {
  const f = Object.assign(
    async (url: string | URL | Request) => {
      f.calls++;
      const body = bodies[Math.min(f.calls - 1, bodies.length - 1)];
      const text = JSON.stringify(typeof body === 'function' ? (body as (u: string) => unknown)(String(url)) : body);
      return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
    },
    { calls: 0 },
  );
  return f;
}

describe('draft-ietf-oauth-client-id-metadata-document', () => {
  it('§3 a client ID URL: https anywhere; http only on loopback or the sandbox; a path, no fragment, no credentials', () => {
    expect(clientIdUrlProblem('https://app.example/client.json', ORIGIN)).toBeUndefined();
    expect(clientIdUrlProblem('http://127.0.0.1:9/c.json', ORIGIN)).toBeUndefined();
    expect(clientIdUrlProblem(`${ORIGIN}/agent/client.json`, ORIGIN)).toBeUndefined();
    expect(clientIdUrlProblem('http://app.example/c.json', ORIGIN)).toMatch(/http is accepted only for loopback hosts/);
    expect(clientIdUrlProblem('https://app.example/', ORIGIN)).toMatch(/must have a path/);
    expect(clientIdUrlProblem('https://app.example/c.json#x', ORIGIN)).toMatch(/fragment/);
    expect(clientIdUrlProblem('https://u:p@app.example/c.json', ORIGIN)).toMatch(/username or password/);
  });

  it('uses a fetched document for DOCUMENT_CACHE_SECONDS, then fetches it again', async () => {
    const url = `https://cache.example/${crypto.randomUUID()}.json`;
    const clock = fixedClock(1_800_000_000);
    const fetch = fakeFetch((u: string) => ({ client_id: u, redirect_uris: [redirect], client_name: 'Cached' }));
    await resolveClientIdDocument(url, { origin: ORIGIN, clock, fetch });
    await resolveClientIdDocument(url, { origin: ORIGIN, clock, fetch });
    expect(fetch.calls).toBe(1);
    expect(clientIdDocuments(clock).find(url)).toMatchObject({ client_id: url, client_name: 'Cached', redirect_uris: [redirect], token_endpoint_auth_methods: ['none'] });
    clock.advance(DOCUMENT_CACHE_SECONDS);
    await resolveClientIdDocument(url, { origin: ORIGIN, clock, fetch });
    expect(fetch.calls).toBe(2);
  });

  it('a refused document is fetched again on the next request, so a fixed document works at once', async () => {
    const url = `https://fix.example/${crypto.randomUUID()}.json`;
    const clock = fixedClock(1_800_000_000);
    const fetch = fakeFetch({ client_id: 'https://wrong.example/c.json', redirect_uris: [redirect] }, (u: string) => ({ client_id: u, redirect_uris: [redirect] }));
    await resolveClientIdDocument(url, { origin: ORIGIN, clock, fetch });
    expect(clientIdDocuments(clock).find(url)).toBeUndefined();
    expect(clientIdDocuments(clock).whyUnknown(url)).toContain('is not the URL it was fetched from');
    await resolveClientIdDocument(url, { origin: ORIGIN, clock, fetch });
    expect(fetch.calls).toBe(2);
    expect(clientIdDocuments(clock).find(url)?.client_id).toBe(url);
  });
});

/** A fetch that answers every call with `answer(url, init)` and keeps what it was asked. */
function answering(answer: (url: string, init: RequestInit | undefined) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const f = async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    return answer(String(url), init);
  };
  return Object.assign(f, { calls });
}

const json = (body: unknown, init: ResponseInit = {}) => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' }, ...init });
const uniqueUrl = (host: string) => `https://${host}/${crypto.randomUUID()}.json`;
const T = 1_800_000_000;

/** Resolves `url` once with `fetch`; returns what the registry then says and the one event recorded. */
async function resolveOnce(url: string, fetch: ReturnType<typeof answering> | undefined, clock = fixedClock(T)) {
  const events: EventInput[] = [];
  await resolveClientIdDocument(url, { origin: ORIGIN, clock, ...(fetch ? { fetch } : {}), record: (e) => events.push(e) });
  const docs = clientIdDocuments(clock);
  return { client: docs.find(url), why: docs.whyUnknown(url), events };
}

describe('draft-ietf-oauth-client-id-metadata-document: what the authorization server fetches and accepts', () => {
  it('§3 a client ID URL with a single-dot or double-dot path segment is refused (the URL parser would silently remove it)', () => {
    for (const id of ['https://app.example/a/../client.json', 'https://app.example/./client.json', 'https://app.example/a/%2e%2e/client.json', 'https://app.example/a/%2E/client.json', 'https://app.example/a/..'])
      expect(clientIdUrlProblem(id, ORIGIN), id).toBe('a client ID URL must not contain . or .. path segments');
    // Dots inside a segment are an ordinary name, and a query is not the path.
    expect(clientIdUrlProblem('https://app.example/.well-known/client.json', ORIGIN)).toBeUndefined();
    expect(clientIdUrlProblem('https://app.example/a..b/client.json', ORIGIN)).toBeUndefined();
    expect(clientIdUrlProblem('https://app.example/client.json?next=/../home', ORIGIN)).toBeUndefined();
  });

  it('§3 a client ID URL is refused when it does not parse, or has an empty fragment, or a username without a password', () => {
    expect(clientIdUrlProblem('https://[bad/client.json', ORIGIN)).toBe('client_id https://[bad/client.json is not a valid URL');
    expect(clientIdUrlProblem('https://app.example/client.json#', ORIGIN)).toBe('a client ID URL must not contain a fragment');
    expect(clientIdUrlProblem('https://user@app.example/client.json', ORIGIN)).toBe('a client ID URL must not contain a username or password');
    expect(clientIdUrlProblem('https://:secret@app.example/client.json', ORIGIN)).toBe('a client ID URL must not contain a username or password');
  });

  it('http is accepted for every loopback host name and the sandbox origin only, never for a look-alike', () => {
    for (const id of ['http://127.0.0.1/c.json', 'http://[::1]:8080/c.json', 'http://localhost:9/c.json', `${ORIGIN}/c.json`]) expect(clientIdUrlProblem(id, ORIGIN), id).toBeUndefined();
    expect(clientIdUrlProblem('http://localhost:3001/c.json', 'https://sandbox.example')).toBeUndefined();
    // The sandbox's own origin over http, when it is not served on a loopback host.
    expect(clientIdUrlProblem('http://sandbox.example/agent/client.json', 'http://sandbox.example')).toBeUndefined();
    for (const id of ['http://127.0.0.2/c.json', 'http://localhost.example/c.json', 'http://sandbox.example/c.json'])
      expect(clientIdUrlProblem(id, 'https://sandbox.example'), id).toMatch(/^http is accepted only for loopback hosts/);
  });

  it('a client_id that is not an http(s) URL is not a document: nothing is fetched and nothing recorded', async () => {
    const fetch = answering(() => json({}));
    for (const id of [undefined, 'cli', 'urn:example:https://app.example/c.json', 'ftp://app.example/c.json']) {
      const r = await resolveOnce(id as string, fetch);
      expect(r.events).toEqual([]);
    }
    expect(fetch.calls).toEqual([]);
    expect(clientIdDocuments(fixedClock(T)).whyUnknown('cli')).toBeUndefined();
    expect(clientIdDocuments(fixedClock(T)).whyUnknown('urn:example:https://app.example/c.json')).toBeUndefined();
  });

  it('an http document on a loopback host is fetched (the scheme is matched case-insensitively)', async () => {
    const url = `HTTP://127.0.0.1:8765/${crypto.randomUUID()}.json`;
    const fetch = answering((u) => json({ client_id: u, redirect_uris: [redirect] }));
    const r = await resolveOnce(url, fetch);
    expect(fetch.calls.map((c) => c.url)).toEqual([url]);
    expect(r.client?.client_id).toBe(url);
  });

  it('the fetch follows no redirect, asks for JSON and has a time limit', async () => {
    const url = uniqueUrl('wire.example');
    const fetch = answering((u) => json({ client_id: u, redirect_uris: [redirect] }));
    await resolveOnce(url, fetch);
    const init = fetch.calls[0]!.init!;
    expect(init.redirect).toBe('manual');
    expect(init.headers).toEqual({ accept: 'application/json' });
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('a document becomes a public client (none): its redirect URIs, its scope, its name or else the host, and what was fetched', async () => {
    const url = uniqueUrl('client.example');
    const claims = { client_id: url, redirect_uris: [redirect, 'https://client.example/cb'], scope: 'openid notes:read', logo_uri: 'https://client.example/logo.png' };
    const r = await resolveOnce(url, answering(() => json(claims)));
    expect(r.client).toEqual({
      client_id: url,
      client_name: 'client.example',
      token_endpoint_auth_methods: ['none'],
      grant_types: ['authorization_code'],
      redirect_uris: [redirect, 'https://client.example/cb'],
      loopback_any_port: true,
      scopes: ['openid', 'notes:read'],
      description: `Described by its client ID metadata document at ${url} (self-asserted).`,
      metadata_document: { url, fetched_at: T, document: claims },
    });
  });

  it('token_endpoint_auth_method none is accepted when the document says so', async () => {
    const url = uniqueUrl('none.example');
    const r = await resolveOnce(url, answering(() => json({ client_id: url, redirect_uris: [redirect], token_endpoint_auth_method: 'none' })));
    expect(r.client?.token_endpoint_auth_methods).toEqual(['none']);
  });

  /** A document refused for `why`: no client, and the authorization endpoint can say why. */
  async function expectRefused(url: string, answer: Parameters<typeof answering>[0], why: string) {
    const r = await resolveOnce(url, answering(answer));
    expect(r.client).toBeUndefined();
    expect(r.why).toBe(`client ID metadata document ${url} refused: ${why}`);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ type: 'client_id_document.fetched', outcome: 'denied', data: { url, cache: 'miss', problem: r.why } });
  }

  it.each([
    [300, 'it answered 300, a redirect: the document must be served at the client_id URL itself (redirects are not followed)'],
    [302, 'it answered 302, a redirect: the document must be served at the client_id URL itself (redirects are not followed)'],
    [399, 'it answered 399, a redirect: the document must be served at the client_id URL itself (redirects are not followed)'],
    [400, 'it answered 400, not 200'],
    [404, 'it answered 404, not 200'],
    [204, 'it answered 204, not 200'],
    [301, 'it answered 301, a redirect: the document must be served at the client_id URL itself (redirects are not followed)'],
  ])('a document answered with %i is refused: only 200 counts, redirects are not followed', async (status, why) => {
    const url = uniqueUrl('status.example');
    await expectRefused(url, () => new Response(status === 204 || status === 301 ? null : 'x', { status, headers: status >= 300 && status < 400 ? { location: 'https://elsewhere.example/c.json' } : {} }), why);
  });

  it('a server that cannot be reached, or does not answer within 3 s, is a refusal that says which', async () => {
    await expectRefused(uniqueUrl('down.example'), () => Promise.reject(new TypeError('fetch failed')), 'the server could not be reached');
    await expectRefused(uniqueUrl('slow.example'), () => Promise.reject(new DOMException('The operation timed out.', 'TimeoutError')), 'no answer within 3 s');
    await expectRefused(uniqueUrl('slow.example'), () => Promise.reject(new DOMException('This operation was aborted', 'AbortError')), 'no answer within 3 s');
    await expectRefused(uniqueUrl('odd.example'), () => Promise.reject(Object.assign(new Error('boom'), { name: 'Error' })), 'the server could not be reached');
  });

  it('a body that breaks off is refused as an incomplete answer', async () => {
    const broken = new ReadableStream({ pull: (c) => c.error(new Error('connection reset')) });
    await expectRefused(uniqueUrl('reset.example'), () => new Response(broken, { status: 200 }), 'no complete answer within 3 s');
  });

  it('§6 a document of 5 KB (5120 bytes) is read; one byte more is refused', async () => {
    const sized = (url: string, bytes: number) => {
      const base = JSON.stringify({ client_id: url, redirect_uris: [redirect], padding: '' });
      return JSON.stringify({ client_id: url, redirect_uris: [redirect], padding: 'x'.repeat(bytes - base.length) });
    };
    const ok = uniqueUrl('size.example');
    expect(sized(ok, 5120)).toHaveLength(5120);
    expect((await resolveOnce(ok, answering(() => new Response(sized(ok, 5120))))).client?.client_id).toBe(ok);
    const big = uniqueUrl('size.example');
    await expectRefused(big, () => new Response(sized(big, 5121)), 'it is larger than 5120 bytes');
  });

  it.each([
    ['not JSON', '{"client_id": ', 'it is not JSON'],
    ['null', 'null', 'it is not a JSON object'],
    ['an array', '[]', 'it is not a JSON object'],
    ['a string', '"https://app.example/c.json"', 'it is not a JSON object'],
  ])('a document that is %s is refused', async (_what, body, why) => {
    await expectRefused(uniqueUrl('shape.example'), () => new Response(body, { status: 200 }), why);
  });

  it('§4.1 a document with a client_secret, or only a client_secret_expires_at, is refused: a published document holds no shared secret', async () => {
    for (const extra of [{ client_secret: 's' }, { client_secret_expires_at: 0 }]) {
      const url = uniqueUrl('secret.example');
      await expectRefused(url, () => json({ client_id: url, redirect_uris: [redirect], ...extra }), 'it contains a client_secret: a published document has no shared secret');
    }
  });

  it('a document asking for client authentication with a secret is refused: such a client is public here', async () => {
    const url = uniqueUrl('basic.example');
    await expectRefused(url, () => json({ client_id: url, redirect_uris: [redirect], token_endpoint_auth_method: 'client_secret_basic' }), 'token_endpoint_auth_method "client_secret_basic": a client identified by a document is public here (none)');
  });

  it('RFC 7591 §2 metadata rules apply to a document: a redirect URI over http to another host is refused, with the reason', async () => {
    const url = uniqueUrl('meta.example');
    await expectRefused(
      url,
      () => json({ client_id: url, redirect_uris: ['http://app.example/cb'] }),
      'redirect URI http://app.example/cb is refused: http is allowed only for the loopback IP literals 127.0.0.1 and [::1] of native apps (RFC 9700 section 2.6, RFC 8252 section 7.3)',
    );
  });

  it('the timeline: a fetch is drawn from the authorization server to the client with the raw exchange; a cache hit and a URL never fetched stay on the authorization server', async () => {
    const url = uniqueUrl('timeline.example');
    const clock = fixedClock(T);
    const claims = { client_id: url, redirect_uris: [redirect], client_name: 'Timeline App' };
    const body = JSON.stringify(claims);
    const fetch = answering(() => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }));
    const fetched = (await resolveOnce(url, fetch, clock)).events;
    expect(fetched).toEqual([
      {
        type: 'client_id_document.fetched',
        outcome: 'ok',
        from: 'auth-server',
        to: 'client',
        summary: expect.any(String),
        data: { url, cache: 'miss', status: 200, claims },
        http: { request: { method: 'GET', url, headers: { accept: 'application/json' } }, response: { status: 200, headers: { 'content-type': 'application/json' }, body } },
      },
    ]);
    clock.advance(7);
    const hit = (await resolveOnce(url, fetch, clock)).events;
    expect(hit).toEqual([{ type: 'client_id_document.fetched', outcome: 'ok', from: 'auth-server', to: 'auth-server', summary: expect.any(String), data: { url, cache: 'hit', status: 200, claims, age_seconds: 7 } }]);
    expect(hit[0]!.summary).toContain('7 s ago');
    expect(hit[0]!.summary).toContain('Timeline App (self-asserted)');

    const far = `http://far.example/${crypto.randomUUID()}.json`;
    const never = await resolveOnce(far, fetch, clock);
    const problem = `client_id ${far} cannot be fetched: http is accepted only for loopback hosts (127.0.0.1, [::1], localhost) and the sandbox itself (${ORIGIN}); far.example must serve its document over https`;
    expect(never.events).toEqual([{ type: 'client_id_document.fetched', outcome: 'denied', from: 'auth-server', to: 'auth-server', summary: expect.any(String), data: { url: far, cache: 'miss', problem } }]);
    expect(never.why).toBe(problem);
    expect(fetch.calls).toHaveLength(1);
  });

  it('the timeline: a fetch that never got an answer has no response and no status', async () => {
    const url = uniqueUrl('noanswer.example');
    const r = await resolveOnce(url, answering(() => Promise.reject(new TypeError('fetch failed'))));
    expect(r.events[0]).toMatchObject({ from: 'auth-server', to: 'client', http: { request: { method: 'GET', url, headers: { accept: 'application/json' } } } });
    expect(r.events[0]!.http).not.toHaveProperty('response');
    expect(r.events[0]!.data).not.toHaveProperty('status');
  });

  it('a fetched document serves the protocol steps for the pending request\'s life (15 minutes), then counts as never fetched', async () => {
    const url = uniqueUrl('keep.example');
    const clock = fixedClock(T);
    await resolveOnce(url, answering((u) => json({ client_id: u, redirect_uris: [redirect] })), clock);
    expect(clientIdDocuments(fixedClock(T + 15 * 60 - 1)).find(url)?.client_id).toBe(url);
    expect(clientIdDocuments(fixedClock(T + 15 * 60)).find(url)).toBeUndefined();
    expect(clientIdDocuments(fixedClock(T + 15 * 60)).whyUnknown(url)).toBe(`client_id ${url} is a URL whose client ID metadata document was not fetched`);
    expect(clientIdDocuments(fixedClock(T)).whyUnknown(uniqueUrl('never.example'))).toMatch(/ is a URL whose client ID metadata document was not fetched$/);
  });

  it('the cache holds at most 500 documents: the oldest goes first', async () => {
    const clock = fixedClock(T);
    const ids = Array.from({ length: 501 }, (_, i) => `http://evict${i}.example/${crypto.randomUUID()}.json`);
    for (const id of ids) await resolveClientIdDocument(id, { origin: ORIGIN, clock });
    const docs = clientIdDocuments(clock);
    expect(docs.whyUnknown(ids[0]!)).toMatch(/was not fetched$/);
    expect(docs.whyUnknown(ids[1]!)).toMatch(/cannot be fetched: http is accepted only/);
    expect(docs.whyUnknown(ids[500]!)).toMatch(/cannot be fetched: http is accepted only/);
  });

  it('singleClientId: a client_id sent once is resolved; a repeated one is left for the step to refuse (RFC 6749 §3.1)', () => {
    expect(singleClientId(new Params(new URLSearchParams('client_id=https://app.example/c.json')))).toBe('https://app.example/c.json');
    expect(singleClientId(new Params(new URLSearchParams('client_id=https://a.example/c.json&client_id=https://b.example/c.json')))).toBeUndefined();
    expect(singleClientId(new Params(new URLSearchParams('scope=openid')))).toBeUndefined();
  });
});
