import { beforeAll, describe, expect, it } from 'vitest';
import { GET, PATCH } from './route';
import { GET as listEvents } from './events/route';

const origin = 'http://localhost:3000';
beforeAll(() => {
  process.env.SANDBOX_ORIGIN = origin;
});

const runCookie = (r: Response) => /sandbox_run_key=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')?.[1];

describe('/api/runs/current', () => {
  it('creates a run for a visitor who has none and sets an httpOnly cookie', async () => {
    const r = await GET(new Request(`${origin}/api/runs/current`));
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toMatch(/^sandbox_run_key=runkey_[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
    const body = await r.json();
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(body.id).not.toBe(runCookie(r));
    expect(body.settings).toEqual({
      accessTokenFormat: 'jwt',
      accessTokenAlg: 'ES256',
      verificationMode: 'local',
      accessTokenTtl: 300,
      refreshTokenTtl: 86400,
      clockOffset: 0,
    });
  });

  it('changes settings by PATCH, records it, and names a bad field with 400', async () => {
    const key = runCookie(await GET(new Request(`${origin}/api/runs/current`)))!;
    const headers = { 'x-sandbox-run-key': key, 'content-type': 'application/json' };
    const ok = await PATCH(new Request(`${origin}/api/runs/current`, { method: 'PATCH', headers, body: '{"clockOffset":3600}' }));
    expect(ok.status).toBe(200);
    expect((await ok.json()).settings.clockOffset).toBe(3600);

    const bad = await PATCH(new Request(`${origin}/api/runs/current`, { method: 'PATCH', headers, body: '{"accessTokenFormat":"paseto"}' }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(await bad.json()).toMatchObject({ field: 'accessTokenFormat', detail: 'accessTokenFormat must be "jwt" or "opaque".' });

    const notJson = await PATCH(new Request(`${origin}/api/runs/current`, { method: 'PATCH', headers, body: '{' }));
    expect(notJson.status).toBe(400);

    const events = await (await listEvents(new Request(`${origin}/api/runs/current/events`, { headers }))).json();
    expect(events.events.map((e: { type: string; summary: string }) => [e.type, e.summary])).toEqual([
      ['run.settings_changed', 'Run settings changed: clockOffset'],
    ]);
    expect(events.events[0].http.request).toMatchObject({ method: 'PATCH', url: '/api/runs/current' });
    expect(events.events[0].http.response.status).toBe(200);
  });

  it("does not show another run's events", async () => {
    const other = runCookie(await GET(new Request(`${origin}/api/runs/current`)))!;
    const r = await listEvents(new Request(`${origin}/api/runs/current/events`, { headers: { cookie: `sandbox_run_key=${other}` } }));
    expect((await r.json()).events).toEqual([]);
  });

  it('refuses the run id alone (403), no key (401), a malformed key (401), and a key for another run (403), changing nothing', async () => {
    const first = await GET(new Request(`${origin}/api/runs/current`));
    const key = runCookie(first)!;
    const { id } = await first.json();
    const other = runCookie(await GET(new Request(`${origin}/api/runs/current`)))!;
    const patch = (headers: Record<string, string>) =>
      PATCH(new Request(`${origin}/api/runs/current`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...headers }, body: '{"clockOffset":60}' }));
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ 'x-sandbox-run': id }, 403, /names a run, it does not control it/],
      [{ 'x-sandbox-run': id, 'x-sandbox-run-key': other }, 403, /another run/],
      [{ 'x-sandbox-run': id, 'x-sandbox-run-key': 'not-a-key' }, 401, /Run key required/],
    ];
    for (const [headers, status, title] of cases) {
      const r = await patch(headers);
      expect(r.status).toBe(status);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      const body = await r.json();
      expect(body.title).toMatch(title);
      expect(body).toMatchObject({ missing: 'run key' });
      expect(body.detail).toMatch(/X-Sandbox-Run-Key/);
      if (status === 401) expect(r.headers.get('www-authenticate')).toMatch(/^RunKey /);
    }
    const events = await listEvents(new Request(`${origin}/api/runs/current/events`));
    expect(events.status).toBe(401);
    const mine = await (await GET(new Request(`${origin}/api/runs/current`, { headers: { 'x-sandbox-run-key': key } }))).json();
    expect(mine.settings.clockOffset).toBe(0);
  });

  it('refuses a cross-origin PATCH (Origin, Sec-Fetch-Site) and a form body, even with the cookie (issue 8 §4)', async () => {
    const key = runCookie(await GET(new Request(`${origin}/api/runs/current`)))!;
    const cookie = `sandbox_run_key=${key}`;
    const patch = (headers: Record<string, string>, body = '{"clockOffset":60}') => PATCH(new Request(`${origin}/api/runs/current`, { method: 'PATCH', headers: { cookie, ...headers }, body }));
    expect((await patch({ 'content-type': 'application/json', origin: 'http://localhost:4000' })).status).toBe(403);
    expect((await patch({ 'content-type': 'application/json', 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await patch({ 'content-type': 'application/json', origin: 'null' })).status).toBe(403);
    expect((await patch({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await patch({ 'content-type': 'application/x-www-form-urlencoded' }, 'clockOffset=60')).status).toBe(415);
    const same = await patch({ 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin' });
    expect(same.status).toBe(200);
    expect((await same.json()).settings.clockOffset).toBe(60);
  });
});
