import { describe, expect, it } from 'vitest';
import { newRun, type TestRun } from './helpers/run';

/**
 * GET and PUT /api/runs/current/policy against the running server: the
 * run's owner is required (the run key; X-Sandbox-Run alone only names it), PUT takes JSON from the sandbox's own origin only, every
 * bad document is a 400 problem naming the field with nothing stored, and a
 * stored policy shows in both parties' metadata for that run only, survives
 * in an export and is undone by a reset.
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const url = `${origin}/api/runs/current/policy`;
const fresh = () => newRun(origin);

const LESSON = {
  scopes: { 'notes:read': 'Read your notes', 'notes:write': 'Create and edit notes', 'notes:purge': 'Delete notes for good' },
  actions: { list: ['notes:read'], read: ['notes:read'], create: ['notes:write'], update: ['notes:write'], delete: ['notes:purge'] },
  rules: [{ id: 'office-hours', says: 'Notes are deleted only during office hours.', actions: ['delete'], clock: { outside_hours: [9, 17] } }],
};

const get = (run?: TestRun) => fetch(url, { headers: run ? run.owner : {} });
const put = (run: TestRun | undefined, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(run ? run.owner : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the policy API', () => {
  it('a request without a run key gets a fresh run of its own (the proxy), never another run', async () => {
    const run = await fresh();
    expect((await put(run, LESSON)).status).toBe(200);
    const anonymous = await get();
    expect(anonymous.status).toBe(200);
    expect(((await anonymous.json()) as { rules: unknown[] }).rules).toEqual([]);
    expect(((await (await get(run)).json()) as { rules: unknown[] }).rules).toEqual(LESSON.rules);
  });

  it('the run id alone names the run but does not control it: GET and PUT answer 403, nothing changes', async () => {
    const run = await fresh();
    const read = await fetch(url, { headers: run.named });
    expect(read.status).toBe(403);
    expect(read.headers.get('content-type')).toBe('application/problem+json');
    expect(await read.json()).toMatchObject({ missing: 'run key', has: 'run id' });
    const change = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json', ...run.named }, body: JSON.stringify(LESSON) });
    expect(change.status).toBe(403);
    expect(await change.json()).toMatchObject({ missing: 'run key', has: 'run id' });
    expect(((await (await get(run)).json()) as { rules: unknown[] }).rules).toEqual([]);
    const other = await fresh();
    const wrongKey = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json', ...run.named, ...other.owner }, body: JSON.stringify(LESSON) });
    expect(wrongKey.status).toBe(403);
    expect(((await (await get(run)).json()) as { rules: unknown[] }).rules).toEqual([]);
  });

  it('the browser: the run key cookie controls the run, a same-origin PUT is taken', async () => {
    const run = await fresh();
    const cookie = { cookie: `sandbox_run_key=${run.key}` };
    const res = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', origin, ...cookie }, body: JSON.stringify(LESSON) });
    expect(res.status).toBe(200);
    expect(((await (await fetch(url, { headers: cookie })).json()) as { rules: unknown[] }).rules).toEqual(LESSON.rules);
  });

  it('GET shows the defaults: standard scopes marked standard, the action map, no rules, the table', async () => {
    const res = await get(await fresh());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.scopes).toEqual({
      openid: { meaning: 'Confirm who you are (an ID token with your user id)', standard: true },
      profile: { meaning: 'See your name and role', standard: true },
      offline_access: { meaning: 'Stay connected when you are away (a refresh token)', standard: true },
      'notes:read': { meaning: 'Read your notes and the notes shared with you', clients: ['notes-assistant', 'cli', 'reporting-service'] },
      'notes:write': { meaning: 'Create, edit and delete notes on your behalf', clients: ['notes-assistant', 'cli'] },
    });
    expect(doc.actions).toEqual({ list: ['notes:read'], read: ['notes:read'], create: ['notes:write'], update: ['notes:write'], delete: ['notes:write'] });
    expect(doc.rules).toEqual([]);
    expect(doc.table).toContainEqual({ asker: 'viewer', action: 'update', scopes: [], never: 'role: viewer', unless: [] });
  });

  it('PUT takes JSON only, from the sandbox origin only', async () => {
    const run = await fresh();
    const form = await put(run, 'scopes=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ field: 'Content-Type' });
    const cross = await put(run, LESSON, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(await cross.json()).toMatchObject({ field: 'Origin', detail: "This request came from https://evil.example; the sandbox's controls accept requests from its own origin only." });
    const crossSite = await put(run, LESSON, { 'sec-fetch-site': 'same-site' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ field: 'Sec-Fetch-Site' });
    expect((await (await get(run)).json()).rules).toEqual([]);
    expect((await put(run, LESSON, { origin })).status).toBe(200);
  });

  it.each<[string, unknown, string, string]>([
    ['an invalid scope name', { ...LESSON, scopes: { ...LESSON.scopes, 'notes purge': 'x' } }, 'scopes.notes purge', 'scopes.notes purge is not a scope-token (RFC 6749 §3.3: printable ASCII, no space, no " or \\).'],
    ['a duplicate scope name', '{"scopes":{"notes:read":"a","notes:read":"b"},"actions":{},"rules":[]}', 'scopes.notes:read', 'scopes.notes:read appears more than once.'],
    ['a standard scope redefined', { ...LESSON, scopes: { ...LESSON.scopes, profile: 'Everything' } }, 'scopes.profile', 'scopes.profile is a standard OpenID Connect scope: its meaning is the standard’s and cannot be redefined.'],
    ['an action without a scope', { ...LESSON, actions: { ...LESSON.actions, delete: [] } }, 'actions.delete', 'actions.delete names no scope: every action must need at least one, or any token could delete notes.'],
    ['an unknown scope', { ...LESSON, actions: { ...LESSON.actions, delete: ['notes:erase'] } }, 'actions.delete', 'actions.delete notes:erase is not a scope this run defines.'],
    ['a policy that references nothing', { ...LESSON, actions: { ...LESSON.actions, delete: ['notes:write'] } }, 'scopes.notes:purge', 'scopes.notes:purge is defined but no action or rule uses it: the Notes API would give it no meaning.'],
    ['a rule that can never match', { ...LESSON, rules: [{ ...LESSON.rules[0], clock: { outside_hours: [9, 9] } }] }, 'rules[0].clock.outside_hours', 'rules[0].clock.outside_hours is an empty span of hours: from and to are equal.'],
    ['not the documented JSON', { policy: LESSON }, 'policy', 'policy is not part of a policy (scopes, actions, rules).'],
    ['not JSON at all', '{"scopes": {', '(body)', '(body) is not valid JSON.'],
    ['deeply nested', { ...LESSON, rules: [{ ...LESSON.rules[0], note: { relation: [[[[[['owner']]]]]] } }] }, 'rules.0.note.relation.0.0', 'rules.0.note.relation.0.0 is nested deeper than 6 levels.'],
    ['oversized', { ...LESSON, scopes: { ...LESSON.scopes, 'notes:purge': 'x'.repeat(40_000) } }, '(body)', '(body) is larger than 32768 bytes.'],
  ])('400 naming the field, nothing stored: %s', async (_name, body, field, detail) => {
    const run = await fresh();
    expect((await put(run, { ...LESSON, rules: [] })).status).toBe(200);
    const before = await (await get(run)).json();
    const res = await put(run, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({ type: 'about:blank', title: 'Bad policy', status: 400, detail, field });
    expect(await (await get(run)).json()).toEqual(before);
  });

  it("a stored policy: both parties' metadata follow the run, other runs keep the defaults; export carries it; reset restores", async () => {
    const run = await fresh();
    const runId = run.id;
    const res = await put(run, LESSON);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rules: LESSON.rules, actions: LESSON.actions });

    const asMeta = async (h: Record<string, string>) => ((await (await fetch(`${origin}/.well-known/oauth-authorization-server/as`, { headers: h })).json()) as { scopes_supported: string[] }).scopes_supported;
    const rsMeta = async (h: Record<string, string>) => ((await (await fetch(`${origin}/.well-known/oauth-protected-resource/rs`, { headers: h })).json()) as { scopes_supported: string[] }).scopes_supported;
    expect(await asMeta({ 'x-sandbox-run': runId })).toEqual(['openid', 'profile', 'offline_access', 'notes:read', 'notes:write', 'notes:purge']);
    expect(await rsMeta({ 'x-sandbox-run': runId })).toEqual(['notes:read', 'notes:write', 'notes:purge']);
    expect(await asMeta({ cookie: `sandbox_run_key=${run.key}` })).toContain('notes:purge');
    expect(await asMeta((await fresh()).named)).toEqual(['openid', 'profile', 'offline_access', 'notes:read', 'notes:write']);
    expect(await rsMeta({})).toEqual(['notes:read', 'notes:write']);
    const oidc = await fetch(`${origin}/as/.well-known/openid-configuration`, { headers: { 'x-sandbox-run': runId } });
    expect(oidc.headers.get('vary')).toContain('X-Sandbox-Run');
    expect(oidc.headers.get('cache-control')).toBe('private, no-cache');
    expect(((await oidc.json()) as { scopes_supported: string[] }).scopes_supported).toContain('notes:purge');

    const exported = (await (await fetch(`${origin}/api/runs/current/export`, { headers: run.owner })).json()) as { policy: Record<string, unknown> };
    expect(exported.policy).toMatchObject({ actions: LESSON.actions, rules: LESSON.rules, scopes: { 'notes:purge': { meaning: 'Delete notes for good' } } });

    expect((await fetch(`${origin}/api/runs/current/reset`, { method: 'POST', headers: run.owner })).status).toBe(200);
    const after = (await (await get(run)).json()) as { actions: Record<string, string[]>; rules: unknown[]; scopes: Record<string, unknown> };
    expect(after.actions.delete).toEqual(['notes:write']);
    expect(after.rules).toEqual([]);
    expect(after.scopes['notes:purge']).toBeUndefined();
  });
});
