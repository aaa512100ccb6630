import { beforeAll, describe, expect, it } from 'vitest';
import { GET, PATCH } from './route';
import { GET as listEvents } from './events/route';

const origin = 'http://localhost:3000';
beforeAll(() => {
  process.env.SANDBOX_ORIGIN = origin;
});

const runCookie = (r: Response) => /sandbox_run=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')?.[1];

describe('/api/runs/current', () => {
  it('creates a run for a visitor who has none and sets an httpOnly cookie', async () => {
    const r = await GET(new Request(`${origin}/api/runs/current`));
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toMatch(/^sandbox_run=[A-Za-z0-9_-]{22,}; Path=\/; HttpOnly; SameSite=Lax/);
    const body = await r.json();
    expect(body.id).toBe(runCookie(r));
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
    const id = runCookie(await GET(new Request(`${origin}/api/runs/current`)))!;
    const headers = { 'x-sandbox-run': id, 'content-type': 'application/json' };
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
    const r = await listEvents(new Request(`${origin}/api/runs/current/events`, { headers: { cookie: `sandbox_run=${other}` } }));
    expect((await r.json()).events).toEqual([]);
  });
});
