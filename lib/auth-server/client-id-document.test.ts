import { describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/runs/clock';
import { clientIdDocuments, clientIdUrlProblem, DOCUMENT_CACHE_SECONDS, resolveClientIdDocument } from './client-id-document';

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
