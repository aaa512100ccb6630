import { describe, expect, it } from 'vitest';
import { cliTokens } from './helpers/cli-flow';
import { newRun, runEvents, type TestRun } from './helpers/run';

/**
 * Issue 8 §4: nothing an outsider sends may change another visitor's run, or
 * every run: same-origin only on the sandbox's own controls, no framing, no
 * live credential or run id in an export, no run chosen by an unverified claim.
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const NOTES_API = basic('notes-api', 'notes-api-secret');
const form = (headers: Record<string, string> = {}) => ({ 'content-type': 'application/x-www-form-urlencoded', ...headers });

async function state(run: TestRun) {
  const settings = ((await (await fetch(`${origin}/api/runs/current`, { headers: run.owner })).json()) as { settings: unknown }).settings;
  const jwks = ((await (await fetch(`${origin}/as/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid).sort();
  return { settings, events: (await runEvents(origin, run)).map((e) => `${e.seq} ${e.type}`), jwks };
}

async function introspect(token: string, authorization = NOTES_API): Promise<{ active: boolean }> {
  const res = await fetch(`${origin}/as/introspect`, { method: 'POST', headers: form({ authorization }), body: new URLSearchParams({ token }) });
  return (await res.json()) as { active: boolean };
}

describe('cross-site request forgery: the sandbox controls accept same-origin requests only', () => {
  it('refuses another origin (another port of localhost too), a cross-site fetch and a form post, with the cookie, changing nothing', async () => {
    const run = await newRun(origin);
    const { access_token } = await cliTokens(origin, { runKey: run.key }, run.owner);
    const before = await state(run);
    const cookie = `sandbox_run_key=${run.key}`;
    const other = new URL(origin);
    other.port = String(Number(other.port || 80) + 1);
    const routes: [string, string, string][] = [
      ['PATCH', '/api/runs/current', '{"clockOffset":3600}'],
      ['POST', '/api/runs/current/reset', ''],
      ['POST', '/api/runs/current/revoke', JSON.stringify({ token: access_token })],
      ['POST', '/api/runs/current/import', '{}'],
      ['POST', '/api/keys/rotate', ''],
    ];
    for (const [method, path, body] of routes) {
      const attempts: [Record<string, string>, number][] = [
        // A page on another port: same site, another origin.
        [{ origin: other.origin, 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }, 403],
        [{ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, 403],
        [{ origin: 'null', 'content-type': 'application/json' }, 403],
        // An auto-submitted HTML form: a form content type.
        [{ 'content-type': 'application/x-www-form-urlencoded' }, 415],
        [{ 'content-type': 'text/plain' }, 415],
      ];
      for (const [headers, status] of attempts) {
        const res = await fetch(`${origin}${path}`, { method, headers: { cookie, ...headers }, ...(body ? { body } : {}) });
        expect(res.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(status);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
      }
    }
    expect(await state(run)).toEqual(before);
    expect((await introspect(access_token)).active).toBe(true);
  });
});

describe('clickjacking: RFC 6749 §10.13', () => {
  it("every page forbids framing (CSP frame-ancestors 'none', X-Frame-Options DENY) and keeps to its own origin", async () => {
    for (const path of ['/', '/timeline', '/timeline/explain', '/client', '/client/notes', '/as/authorize/sign-in?request=x', '/as/authorize/consent?request=x', '/as/authorize?client_id=cli']) {
      const res = await fetch(`${origin}${path}`, { redirect: 'manual' });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });
});

describe('a shared export carries no live credential and no run id', () => {
  it('nothing found in an export works: every token-looking string fails at the token endpoint, the resource server, introspection, and as a run key', async () => {
    const run = await newRun(origin);
    const first = await cliTokens(origin, { runKey: run.key }, run.owner);
    // A refresh, so the export holds a rotated and a live refresh token.
    const refreshed = await fetch(`${origin}/as/token`, { method: 'POST', headers: form(run.owner), body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first.refresh_token!, client_id: 'cli' }) });
    expect(refreshed.status).toBe(200);
    const live = (await refreshed.json()) as { access_token: string; refresh_token: string };
    expect((await fetch(`${origin}/rs/api/notes`, { headers: { authorization: `Bearer ${live.access_token}`, ...run.owner } })).status).toBe(200);
    expect((await introspect(live.refresh_token)).active).toBe(true);

    const res = await fetch(`${origin}/api/runs/current/export`, { headers: run.owner });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(run.id);
    expect(text).not.toContain(run.key);
    expect(text).not.toContain(live.refresh_token);
    // Still a teaching file: the tokens are there, decoded.
    expect(text).toContain('(run id removed)');
    expect(text).toContain(Buffer.from('signature removed in this export').toString('base64url'));

    const candidates = [...new Set(text.match(/[A-Za-z0-9._~+/=-]{16,}/g) ?? [])];
    expect(candidates.length).toBeGreaterThan(10);
    for (const c of candidates) {
      const rs = await fetch(`${origin}/rs/api/notes`, { headers: { authorization: `Bearer ${c}` } });
      expect(rs.status, `RS accepted ${c}`).not.toBe(200);
      for (const body of [
        { grant_type: 'refresh_token', refresh_token: c, client_id: 'cli' },
        { grant_type: 'authorization_code', code: c, client_id: 'cli', redirect_uri: 'http://127.0.0.1:48177/callback', code_verifier: 'x'.repeat(43) },
      ] as Record<string, string>[]) {
        const t = await fetch(`${origin}/as/token`, { method: 'POST', headers: form(), body: new URLSearchParams(body) });
        expect(t.status, `token endpoint accepted ${c}`).toBe(400);
      }
      expect((await introspect(c)).active, `introspection says ${c} is active`).toBe(false);
      const asKey = await fetch(`${origin}/api/runs/current/events`, { headers: { 'x-sandbox-run-key': c, ...run.named } });
      expect(asKey.status, `${c} opened the run`).not.toBe(200);
    }
  });
});

describe('unverified claims pick nothing', () => {
  it("a rejected token is recorded on the run the request names, or nowhere, never on the run its own sandbox_run claims", async () => {
    const victim = await newRun(origin);
    const { access_token } = await cliTokens(origin, { runKey: victim.key }, victim.owner);
    const before = await state(victim);
    const [h, p] = access_token.split('.');
    const forged = `${h}.${p}.${'A'.repeat(86)}`;
    const nowhere = await fetch(`${origin}/rs/api/notes`, { headers: { authorization: `Bearer ${forged}` } });
    expect(nowhere.status).toBe(401);
    const attacker = await newRun(origin);
    const named = await fetch(`${origin}/rs/api/notes`, { headers: { authorization: `Bearer ${forged}`, ...attacker.named } });
    expect(named.status).toBe(401);
    expect(await state(victim)).toEqual(before);
    expect((await runEvents(origin, attacker)).map((e) => [e.type, e.outside])).toEqual([
      ['resource_request.received', true],
      ['access_token.rejected', true],
      ['resource.answered', true],
    ]);
  });

  it("another client's introspection or revocation of a run's token is not recorded on that run, and changes nothing", async () => {
    const victim = await newRun(origin);
    const tokens = await cliTokens(origin, { runKey: victim.key }, victim.owner);
    const before = await state(victim);
    const reporting = basic('reporting-service', 'reporting-service-secret');
    expect(await introspect(tokens.access_token, reporting)).toEqual({ active: false });
    const revoked = await fetch(`${origin}/as/revoke`, { method: 'POST', headers: form({ authorization: reporting }), body: new URLSearchParams({ token: tokens.refresh_token! }) });
    expect(revoked.status).toBe(200);
    expect(await state(victim)).toEqual(before);
    expect((await introspect(tokens.refresh_token!)).active).toBe(true);
  });
});
