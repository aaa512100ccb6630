/**
 * Notes Agent's discovery chain over HTTP (issue 12), driven as a browser
 * would: it starts knowing only the Notes API's URL; the 401's
 * resource_metadata (RFC 9728 §5.1) leads to the protected resource metadata,
 * then the authorization server's metadata (RFC 8414); it names itself by its
 * client ID metadata document (or registers, RFC 7591, the fallback); code +
 * PKCE with `resource` (RFC 8707); it lists the notes, is refused the write
 * with 403 insufficient_scope, and asks again for exactly notes:write.
 * Each step is on the run's timeline with the document it read.
 */
import { describe, expect, it } from 'vitest';
import { authorizeInBrowserlessFlow, CookieJar } from './helpers/authorize';
import { newRun, runEvents } from './helpers/run';

const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';

interface Event {
  type: string;
  from: string;
  to: string;
  outcome: string;
  summary: string;
  data?: { step?: string; document?: Record<string, unknown>; scope?: string; status?: number; url?: string };
  http?: { request?: { method?: string; url?: string }; response?: { status?: number } };
}

/** The agent's own pages, with the browser's cookies (its run key, the agent's pending request). */
async function agentRequest(jar: CookieJar, path: string, body?: URLSearchParams): Promise<URL> {
  const res = await fetch(new URL(path, origin), {
    method: body ? 'POST' : 'GET',
    headers: { cookie: jar.header(), 'sec-fetch-site': 'same-origin', ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body,
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  jar.store(res);
  return new URL(res.headers.get('location')!);
}

/** The agent's chain up to its last callback, signed in as `user`: where its page is sent at the end. */
async function runAgentUntilEnd(identification: 'document' | 'registration', user: 'alice' | 'bob') {
  const run = await newRun(origin);
  const jar = new CookieJar();
  jar.cookies.set('sandbox_run_key', run.key);
  const first = await agentRequest(jar, '/agent/start', new URLSearchParams({ identification }));
  expect(first.pathname).toBe('/as/authorize');
  expect(first.searchParams.get('scope')).toBe('notes:read');
  expect(first.searchParams.get('resource')).toBe(`${origin}/rs`);
  expect(first.searchParams.get('code_challenge_method')).toBe('S256');
  const callback1 = await authorizeInBrowserlessFlow({ origin, authorizationUrl: first, user, runKey: run.key, jar });
  expect(`${callback1.origin}${callback1.pathname}`).toBe(`${origin}/agent/callback`);
  const stepUp = await agentRequest(jar, callback1.pathname + callback1.search);
  expect(stepUp.pathname).toBe('/as/authorize');
  // RFC 6750 §3.1: exactly the scope the challenge named.
  expect(stepUp.searchParams.get('scope')).toBe('notes:write');
  expect(stepUp.searchParams.get('client_id')).toBe(first.searchParams.get('client_id'));
  const callback2 = await authorizeInBrowserlessFlow({ origin, authorizationUrl: stepUp, user, runKey: run.key, jar });
  const end = await agentRequest(jar, callback2.pathname + callback2.search);
  expect(end.pathname).toBe('/agent');
  return { run, first, end };
}

async function runAgent(identification: 'document' | 'registration') {
  const { run, first, end: done } = await runAgentUntilEnd(identification, 'alice');
  expect(done.searchParams.get('done')).toBe('Notes Agent listed your notes and wrote one');
  return { run, clientId: first.searchParams.get('client_id')!, events: await runEvents<Event>(origin, run) };
}

describe('Notes Agent discovers the server from one 401', () => {
  it('by its client ID metadata document: 401 → resource metadata → AS metadata → document → code + PKCE + resource → 403 → step-up → 201', async () => {
    const { clientId, events } = await runAgent('document');
    expect(clientId).toBe(`${origin}/agent/client.json`);
    const steps = events.filter((e) => e.type === 'agent.discovered');
    expect(steps.map((e) => e.data?.step)).toEqual(['challenge', 'resource_metadata', 'as_metadata', 'client_id']);
    expect(steps[0]!.http?.response?.status).toBe(401);
    expect(steps[1]!.data?.document).toMatchObject({ resource: `${origin}/rs`, authorization_servers: [`${origin}/as`] });
    expect(steps[2]!.data?.document).toMatchObject({ issuer: `${origin}/as`, client_id_metadata_document_supported: true });
    expect(steps[3]!.data?.document).toMatchObject({ client_id: clientId, client_name: 'Notes Agent' });
    // The authorization server fetched the agent's document from the stable URL.
    expect(events.some((e) => e.type === 'client_id_document.fetched' && e.data?.url === clientId && e.outcome === 'ok')).toBe(true);
    const calls = events.filter((e) => e.type === 'client.resource_called').map((e) => [e.http?.request?.method, e.data?.status]);
    expect(calls).toEqual([
      ['GET', 200],
      ['POST', 403],
      ['POST', 201],
    ]);
    expect(events.find((e) => e.type === 'agent.scope_stepped_up')?.data?.scope).toBe('notes:write');
    expect(events.filter((e) => e.type === 'client.tokens_received')).toHaveLength(2);
  });

  it('by dynamic registration, the fallback: the same chain with a registered client_id', async () => {
    const { clientId, events } = await runAgent('registration');
    expect(clientId).not.toContain('://');
    const registration = events.find((e) => e.type === 'agent.discovered' && e.data?.step === 'registration');
    expect(registration?.http?.response?.status).toBe(201);
    expect(registration?.data?.document).toMatchObject({ client_id: clientId, client_name: 'Notes Agent', token_endpoint_auth_method: 'none' });
  });

  it('serves its client ID metadata document at the URL that is its client_id', async () => {
    const res = await fetch(`${origin}/agent/client.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      client_id: `${origin}/agent/client.json`,
      client_name: 'Notes Agent',
      client_uri: `${origin}/agent`,
      redirect_uris: [`${origin}/agent/callback`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      scope: 'notes:read notes:write',
    });
  });
});

describe("Notes Agent's page says only what the agent said", () => {
  const page = async (url: URL | string) => (await fetch(new URL(url, origin))).text();
  /** What a person sees of the page: its main content, as text between the tags (the framework's payload, which repeats the URL, left out). */
  const seen = async (url: URL | string) => (/<main[\s\S]*?<\/main>/.exec(await page(url))?.[0] ?? '').replace(/<!-- -->/g, '');

  it('bob, a viewer: after the step-up the write is refused by the policy; the page shows a refusal naming the rule, never "Done"', async () => {
    const { end } = await runAgentUntilEnd('document', 'bob');
    expect(end.searchParams.get('done')).toBeNull();
    const main = await seen(end);
    // RFC 9457 problem from the Notes API: its rule and reason, in a refusal box (role=alert), and that more scope would not help.
    expect(main).toMatch(/role="alert"[^>]*>[\s\S]*The Notes API refused Notes Agent\.[\s\S]*The Notes API refused the write \(403\): its own policy says no, and more scope would not help\./);
    expect(main).toContain('Rule: role-viewer.');
    expect(main).toContain('bob is a viewer');
    expect(main).not.toContain('Done:');
    expect(main).not.toContain('role="status"');
  });

  it("shows the agent's own outcome, and never the text of a crafted link", async () => {
    // A callback with nothing pending: a real outcome of the agent, sent back to its page.
    const stopped = await agentRequest(new CookieJar(), '/agent/callback?code=x&state=y');
    expect(stopped.pathname).toBe('/agent');
    const said = stopped.searchParams.get('error')!;
    expect(said).toMatch(/^no authorization request of Notes Agent is pending/);
    expect(await seen(stopped)).toContain(`Notes Agent stopped: ${said}.`);

    // The same page with a crafted message, bare or with the real mark of another message: not shown.
    const crafted = 'your session expired, sign in again at https://evil.example';
    for (const query of [new URLSearchParams({ error: crafted }), new URLSearchParams({ error: crafted, mark: stopped.searchParams.get('mark')! }), new URLSearchParams({ done: crafted })]) {
      const main = await seen(`/agent?${query}`);
      expect(main).toContain('Start Notes Agent');
      expect(main).not.toContain('evil.example');
      expect(main).not.toContain('role="alert"');
    }
  });

  it("names Notes Agent in its party header, linking to its own page (not Notes Assistant's)", async () => {
    const header = (await page('/agent')).match(/<header[^>]*data-party="client"[^>]*>([\s\S]*?)<\/header>/)?.[1] ?? '';
    expect(header).toMatch(/<a href="\/agent"[^>]*>Client app: Notes Agent<\/a>/);
    expect(header).not.toContain('Notes Assistant');
  });
});
