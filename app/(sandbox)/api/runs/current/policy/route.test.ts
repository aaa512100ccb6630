import { beforeAll, describe, expect, it } from 'vitest';
import { GET, PUT } from './route';

/**
 * The route handlers themselves, without the proxy (which gives a page or API
 * request without a run cookie a fresh run of its own): a request that names
 * no run is refused before anything is read or stored.
 */
const origin = 'http://localhost:3000';
const url = `${origin}/api/runs/current/policy`;
beforeAll(() => {
  process.env.SANDBOX_ORIGIN = origin;
});

describe('/api/runs/current/policy: the run is required', () => {
  it('GET and PUT naming no run: 400 problem "No run"', async () => {
    const responses = [
      await GET(new Request(url)),
      await PUT(new Request(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"scopes":{},"actions":{},"rules":[]}' })),
    ];
    for (const r of responses) {
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(await r.json()).toEqual({
        type: 'about:blank',
        title: 'No run',
        status: 400,
        detail: 'This request names no run: send the sandbox_run cookie or the X-Sandbox-Run header (load a sandbox page first).',
      });
    }
  });

  it('the run named by X-Sandbox-Run is the one read and changed', async () => {
    const run = `ut-pol-${crypto.randomUUID().replace(/-/g, '')}`;
    const doc = { scopes: { 'notes:read': 'Read', 'notes:write': 'Write' }, actions: { list: ['notes:read'], read: ['notes:read'], create: ['notes:write'], update: ['notes:write'], delete: ['notes:read'] }, rules: [] };
    const put = await PUT(new Request(url, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-sandbox-run': run }, body: JSON.stringify(doc) }));
    expect(put.status).toBe(200);
    const got = (await (await GET(new Request(url, { headers: { 'x-sandbox-run': run } }))).json()) as { actions: Record<string, string[]> };
    expect(got.actions.delete).toEqual(['notes:read']);
  });
});
