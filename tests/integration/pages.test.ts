/**
 * The home page's "For developers" curl, run as a visitor would copy it: it
 * names the visitor's run (X-Sandbox-Run, filled in from the run the page
 * knows), so the token request lands on that run's own timeline, not on a
 * new run nobody sees.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { newRun, runEvents } from './helpers/run';

const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';

const unescapeHtml = (s: string) => s.replace(/<!-- -->/g, '').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('home page: a token with no user, with curl', () => {
  it("the command as shown lands on the visitor's own timeline", async () => {
    const run = await newRun(origin);
    const html = await (await fetch(`${origin}/`, { headers: { cookie: `sandbox_run_key=${run.key}` } })).text();
    const shown = /<pre[^>]*>(curl -s -u reporting-service[\s\S]*?)<\/pre>/.exec(html)?.[1];
    expect(shown).toBeDefined();
    const command = unescapeHtml(shown!);
    expect(command).toContain(`-H "X-Sandbox-Run: ${run.id}"`);
    const body = JSON.parse(execFileSync('sh', ['-c', command], { encoding: 'utf8' })) as { access_token: string; scope: string };
    expect(body.scope).toBe('notes:read');
    const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1]!, 'base64url').toString()) as { sandbox_run: string; sub: string };
    expect(claims).toMatchObject({ sandbox_run: run.id, sub: 'reporting-service' });
    const events = await runEvents(origin, run);
    expect(events.map((e) => e.type)).toContain('token.issued');
  });
});

describe("the parties' pages", () => {
  it("/as lists every endpoint its metadata names, registration (RFC 7591) included", async () => {
    const html = await (await fetch(`${origin}/as`)).text();
    const endpoints = /<section aria-labelledby="as-endpoints"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const metadata = (await (await fetch(`${origin}/.well-known/oauth-authorization-server/as`)).json()) as Record<string, unknown>;
    const paths = Object.entries(metadata)
      .filter(([k, v]) => k.endsWith('_endpoint') && typeof v === 'string')
      .map(([, v]) => new URL(v as string).pathname);
    expect(paths).toContain('/as/register');
    for (const p of paths) expect(endpoints).toContain(`>${p}</code>`);
  });

  it.each(['/', '/as', '/client', '/rs', '/agent'])('%s names an icon that the server serves (no favicon 404)', async (path) => {
    const html = await (await fetch(`${origin}${path}`)).text();
    const href = /<link rel="icon" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    const icon = await fetch(new URL(unescapeHtml(href!), origin));
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  });
});
