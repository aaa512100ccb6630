import { beforeAll, describe, expect, it } from 'vitest';
import { GET, PUT } from './route';

/**
 * The route handlers themselves, without the proxy (which gives a page or API
 * request without a run cookie a fresh run of its own): the policy is the
 * run owner's (issue 14), so a request without the run key is refused before
 * anything is read or stored, and the run id alone only names a run.
 */
const origin = 'http://localhost:3000';
const url = `${origin}/api/runs/current/policy`;
beforeAll(() => {
  process.env.SANDBOX_ORIGIN = origin;
});

/** A run key: runkey_ and 256 random bits, base64url (43 characters). */
const newKey = () => `runkey_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`;
const doc = { scopes: { 'notes:read': 'Read', 'notes:write': 'Write' }, actions: { list: ['notes:read'], read: ['notes:read'], create: ['notes:write'], update: ['notes:write'], delete: ['notes:read'] }, rules: [] };
const put = (headers: Record<string, string>) => PUT(new Request(url, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(doc) }));
const deleteNeeds = async (headers: Record<string, string>) => ((await (await GET(new Request(url, { headers }))).json()) as { actions: Record<string, string[]> }).actions.delete;

describe('/api/runs/current/policy: the run owner is required', () => {
  it('GET and PUT with no run key: 401 problem "Run key required" with a RunKey challenge', async () => {
    for (const r of [await GET(new Request(url)), await put({})]) {
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(r.headers.get('www-authenticate')).toBe('RunKey realm="oauth-sandbox", header="X-Sandbox-Run-Key"');
      const body = (await r.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ type: 'about:blank', title: 'Run key required', status: 401, missing: 'run key' });
      expect(String(body.detail)).toContain('X-Sandbox-Run-Key');
    }
  });

  it('GET and PUT with the run id alone (X-Sandbox-Run): 403, nothing read or stored', async () => {
    const named = { 'x-sandbox-run': `ut-pol-${crypto.randomUUID().replace(/-/g, '')}` };
    for (const r of [await GET(new Request(url, { headers: named })), await put(named)]) {
      expect(r.status).toBe(403);
      expect(await r.json()).toMatchObject({ status: 403, missing: 'run key', has: 'run id' });
    }
  });

  it('the run of the key (X-Sandbox-Run-Key, or the browser cookie) is the one read and changed; another key sees the defaults', async () => {
    const key = newKey();
    expect((await put({ 'x-sandbox-run-key': key })).status).toBe(200);
    expect(await deleteNeeds({ 'x-sandbox-run-key': key })).toEqual(['notes:read']);
    expect(await deleteNeeds({ cookie: `sandbox_run_key=${key}` })).toEqual(['notes:read']);
    expect(await deleteNeeds({ 'x-sandbox-run-key': newKey() })).toEqual(['notes:write']);
  });

  it('PUT from another origin, with the key: 403 naming Origin, nothing stored', async () => {
    const key = newKey();
    const r = await put({ 'x-sandbox-run-key': key, origin: 'http://localhost:4000' });
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ title: 'Cross-origin request refused', field: 'Origin' });
    expect(await deleteNeeds({ 'x-sandbox-run-key': key })).toEqual(['notes:write']);
  });
});
