import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@/lib/store/db';
import { ensureRun, saveRunSettings } from '@/lib/store/runs';
import { lookUpRun } from '@/lib/runs/run';
import { collectingRecorder } from '@/lib/timeline/recorder';
import { DEFAULT_SETTINGS, type RunSettings } from '@/lib/runs/settings';
import { accountDirectory } from './accounts';
import { notesStore } from './deps';
import { DEFAULT_POLICY } from './policy-document';
import { handleNotesRequest, SHARED_RUN, type NotesOutcome, type NotesRequest, type ResourceServerDeps } from './notes-request';
import type { Action } from './policy';
import { notesResponse } from './responses';
import { accessTokenClaims, ISSUER, makeTestKeys, NOW, ORIGIN, RESOURCE, RUN_ID, signAccessToken, type TestKeys } from './test-keys';

let keys: TestKeys;
let db: Db;
let recorder: ReturnType<typeof collectingRecorder>;
/** What the stand-in authorization server answers at /as/introspect, by token. */
let introspection: Map<string, Record<string, unknown>>;
let asReachable: boolean;
const wall = () => NOW * 1000;

beforeAll(async () => {
  keys = await makeTestKeys();
});

beforeEach(() => {
  db = openDb(':memory:');
  ensureRun(db, RUN_ID, Date.now());
  recorder = collectingRecorder();
  introspection = new Map();
  asReachable = true;
});

function deps(): ResourceServerDeps {
  return {
    issuer: ISSUER,
    resource: RESOURCE,
    keys: keys.keySet,
    introspection: {
      endpoint: `${ISSUER}/introspect`,
      clientId: 'notes-api',
      clientSecret: 'notes-api-secret',
      fetch: async (_url, init) => {
        if (!asReachable) throw new TypeError('fetch failed');
        const auth = new Headers(init?.headers).get('authorization');
        if (auth !== `Basic ${Buffer.from('notes-api:notes-api-secret').toString('base64')}`) return Response.json({ error: 'invalid_client' }, { status: 401 });
        const token = new URLSearchParams(String(init?.body)).get('token') ?? '';
        return Response.json(introspection.get(token) ?? { active: false });
      },
    },
    lookUpRun: (runId) => lookUpRun(db, runId, wall),
    accounts: accountDirectory(),
    notes: notesStore(db, Date.now),
    policy: () => DEFAULT_POLICY,
    recorder,
  };
}

const setRun = (s: Partial<RunSettings>) => saveRunSettings(db, RUN_ID, { ...DEFAULT_SETTINGS, ...s });

function request(action: Action, o: { token?: string; noteId?: string; body?: string; authorization?: string } = {}): Promise<NotesOutcome> {
  const req: NotesRequest = {
    method: { list: 'GET', read: 'GET', create: 'POST', update: 'PATCH', delete: 'DELETE' }[action],
    path: o.noteId ? `/rs/api/notes/${o.noteId}` : '/rs/api/notes',
    action,
    ...(o.noteId ? { noteId: o.noteId } : {}),
    bearer: { authorization: o.authorization ?? (o.token ? `Bearer ${o.token}` : null), query: new URLSearchParams() },
    body: async () => o.body ?? '',
  };
  return handleNotesRequest(req, deps());
}

const token = (claims: Record<string, unknown> = {}) => signAccessToken(keys, accessTokenClaims(claims));
const types = () => recorder.events.map((e) => e.type);
/** Introspection's answer for an active token, as the AS gives it. */
const active = (claims: Record<string, unknown> = {}) => ({ active: true, ...accessTokenClaims(claims), token_type: 'Bearer' });

describe('Notes API decision: token, scope, policy, in order (RFC 6750, RFC 9068, RFC 7662)', () => {
  it('RFC 6750 §3.1 a request without a token gets a challenge with no error code', async () => {
    const res = notesResponse(await request('list'), ORIGIN);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="notes-api", resource_metadata="${ORIGIN}/.well-known/oauth-protected-resource/rs"`);
    expect(types()).toEqual(['resource_request.received', 'access_token.rejected', 'resource.answered']);
    expect(recorder.events[1]!.checks).toEqual([{ name: 'token present', passed: false, reason: 'the request has no Authorization header' }]);
  });

  it('RFC 6750 §3.1 a malformed Authorization header is 400 invalid_request', async () => {
    const res = notesResponse(await request('list', { authorization: 'Bearer a b' }), ORIGIN);
    expect(res.status).toBe(400);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="notes-api", error="invalid_request", error_description="the Authorization header must be Bearer/);
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: 'the Authorization header must be Bearer, a space and one token (RFC 6750 section 2.1)' });
  });

  it('reads an own note with a locally verified token: received, verified, allowed, answered', async () => {
    const out = await request('read', { token: await token(), noteId: 'n1' });
    expect(out).toMatchObject({ kind: 'ok', status: 200, body: { id: 'n1', owner: 'alice', title: 'Groceries' } });
    expect(types()).toEqual(['resource_request.received', 'access_token.verified', 'policy.allowed', 'resource.answered']);
    expect(recorder.runId).toBe(RUN_ID);
    expect(out.checks.map((c) => c.name)).toEqual([
      'token present', 'verification method', 'format', 'critical headers', 'algorithm', 'kid', 'signature', 'typ', 'required claims', 'iss', 'aud', 'nbf', 'exp', 'scope', 'role', 'note', 'rule',
    ]);
  });

  it('lists only the notes the user may read', async () => {
    const alice = await request('list', { token: await token() });
    expect((alice as { body: { notes: { id: string }[] } }).body.notes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n7']);
    const carol = await request('list', { token: await token({ sub: 'carol' }) });
    expect((carol as { body: { notes: unknown[] } }).body.notes).toHaveLength(7);
  });

  it('RFC 9068 §2.2 a client_credentials token (sub = client_id) reads public notes only', async () => {
    const svc = await token({ sub: 'reporting-service', client_id: 'reporting-service', scope: 'notes:read' });
    const list = await request('list', { token: svc });
    expect((list as { body: { notes: { id: string }[] } }).body.notes.map((n) => n.id)).toEqual(['n2', 'n7']);
    const res = notesResponse(await request('read', { token: svc, noteId: 'n1' }), ORIGIN);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ rule: 'service-public-only', step: 'note', type: 'urn:notes-api:policy:service-public-only' });
  });

  it('RFC 6750 §3.1 a token without notes:write gets 403 insufficient_scope naming the scope', async () => {
    const res = notesResponse(await request('update', { token: await token({ scope: 'notes:read' }), noteId: 'n1', body: '{"title":"x"}' }), ORIGIN);
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer realm="notes-api", error="insufficient_scope", error_description="update needs the notes:write scope", scope="notes:write", resource_metadata="${ORIGIN}/.well-known/oauth-protected-resource/rs"`,
    );
    const denied = recorder.events.find((e) => e.type === 'policy.denied')!;
    expect(denied.checks).toEqual([{ name: 'scope', passed: false, reason: 'update needs notes:write; the token grants only notes:read' }]);
  });

  it('RFC 9457 a viewer with notes:write is refused by the policy, naming the rule (more scope would not help)', async () => {
    const res = notesResponse(await request('update', { token: await token({ sub: 'bob' }), noteId: 'n4', body: '{"title":"x"}' }), ORIGIN);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(await res.json()).toEqual({
      type: 'urn:notes-api:policy:role-viewer',
      title: 'Refused by the Notes API policy',
      status: 403,
      detail: 'bob is a viewer: a viewer may list and read notes, not edit them.',
      rule: 'role-viewer',
      step: 'role',
    });
    // The role step refused; it did not pass and leave the refusal to a later rule (issue 9 item 8).
    expect(recorder.events.find((e) => e.type === 'policy.denied')!.checks).toEqual([
      { name: 'scope', passed: true, reason: 'update needs notes:write; the token grants notes:read notes:write' },
      { name: 'role', passed: false, reason: 'bob is a viewer: a viewer may list and read notes, not edit them' },
    ]);
    expect(types()).toEqual(['resource_request.received', 'access_token.verified', 'policy.denied', 'resource.answered']);
  });

  it('a user the Notes API does not know is refused by the policy', async () => {
    // A valid token (the AS vouches for dave) is not an account here: the role step refuses, no note is listed.
    const res = notesResponse(await request('list', { token: await token({ sub: 'dave' }) }), ORIGIN);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(await res.json()).toEqual({
      type: 'urn:notes-api:policy:unknown-user',
      title: 'Refused by the Notes API policy',
      status: 403,
      detail: 'The Notes API has no account for this user, so it knows no role for them.',
      rule: 'unknown-user',
      step: 'role',
    });
    expect(types()).toEqual(['resource_request.received', 'access_token.verified', 'policy.denied', 'resource.answered']);
    expect(recorder.events[2]!.checks!.at(-1)).toEqual({ name: 'role', passed: false, reason: 'dave has no account in the Notes API' });
  });

  it('an unknown note is 404', async () => {
    const res = notesResponse(await request('read', { token: await token(), noteId: 'nope' }), ORIGIN);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ title: 'Note not found', detail: 'There is no note nope.' });
  });

  it.each([
    ['not JSON', '{', '(body)'],
    ['an empty title', '{"title":""}', 'title'],
    ['an unknown field', '{"title":"t","colour":"red"}', 'colour'],
    ['a non-boolean public', '{"title":"t","public":"yes"}', 'public'],
  ])('a create with %s is 400 naming the field', async (_name, body, field) => {
    const res = notesResponse(await request('create', { token: await token(), body }), ORIGIN);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, field });
  });

  it('creates, edits and deletes a note', async () => {
    const t = await token();
    const created = notesResponse(await request('create', { token: t, body: '{"title":"New","body":"text"}' }), ORIGIN);
    expect(created.status).toBe(201);
    const note = (await created.json()) as { id: string; owner: string };
    expect(note.owner).toBe('alice');
    expect(created.headers.get('location')).toBe(`${ORIGIN}/rs/api/notes/${note.id}`);
    expect(await request('update', { token: t, noteId: note.id, body: '{"title":"Renamed"}' })).toMatchObject({ kind: 'ok', body: { title: 'Renamed' } });
    expect(await request('delete', { token: t, noteId: note.id })).toMatchObject({ kind: 'ok', status: 204 });
    expect(await request('read', { token: t, noteId: note.id })).toMatchObject({ kind: 'problem', status: 404 });
  });

  it("expires a token by the run's clock (clockOffset)", async () => {
    const t = await token();
    setRun({ clockOffset: 3600 });
    const res = notesResponse(await request('list', { token: t }), ORIGIN);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token", error_description="the token expired at \d+; the run's clock says \d+/);
  });
});

describe('RFC 7662 introspection mode, and the revocation difference', () => {
  it('introspects every request when the run says so, recording the back channel before the verdict', async () => {
    setRun({ verificationMode: 'introspection' });
    const t = await token();
    introspection.set(t, active());
    expect(await request('read', { token: t, noteId: 'n1' })).toMatchObject({ kind: 'ok', status: 200 });
    expect(types()).toEqual(['resource_request.received', 'introspection.answered', 'access_token.verified', 'policy.allowed', 'resource.answered']);
    const back = recorder.events[1]!;
    // The answer (RFC 7662 §2.2) travels from the authorization server to the resource server.
    expect(back).toMatchObject({ from: 'auth-server', to: 'resource-server', outcome: 'ok' });
    expect(back.http?.request?.secrets).toEqual(['authorization', 'token']);
  });

  it('a revoked JWT: introspection refuses it at once, local verification accepts it until it expires', async () => {
    const t = await token(); // exp NOW + 300
    introspection.set(t, { active: false }); // revoked at the AS
    // Local verification never asks the AS, so it cannot know: accepted now, and one second before exp.
    expect(await request('list', { token: t })).toMatchObject({ kind: 'ok', status: 200 });
    setRun({ clockOffset: 299 });
    expect(await request('list', { token: t })).toMatchObject({ kind: 'ok', status: 200 });
    expect(types()).not.toContain('introspection.answered');
    // Introspection asks, and is told at once (RFC 7662 §2.2 active:false).
    setRun({ verificationMode: 'introspection' });
    const res = notesResponse(await request('list', { token: t }), ORIGIN);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token", error_description="the authorization server says the token is not active (unknown, expired or revoked)"');
    // Local verification refuses it only once it has expired (RFC 7519 §4.1.4, past the RS's 30 s leeway).
    setRun({ clockOffset: 300 + 31 });
    expect(await request('list', { token: t })).toMatchObject({
      kind: 'challenge',
      error: { code: 'invalid_token', description: `the token expired at ${NOW + 300}; the run's clock says ${NOW + 331} (leeway 30 s)` },
    });
  });

  it('an opaque token is introspected even in local mode, and the answer names the run', async () => {
    introspection.set('opaque-token-123', active({ sub: 'bob', scope: 'notes:read' }));
    expect(await request('read', { token: 'opaque-token-123', noteId: 'n4' })).toMatchObject({ kind: 'ok', status: 200 });
    expect(recorder.runId).toBe(RUN_ID);
    expect(types()).toContain('introspection.answered');
  });

  it('RFC 9700 §2.3 refuses an active token whose aud is another resource', async () => {
    introspection.set('opaque-other', active({ aud: 'http://localhost:3000/other' }));
    const out = await request('list', { token: 'opaque-other' });
    expect(out).toMatchObject({ kind: 'challenge', error: { code: 'invalid_token', description: 'aud http://localhost:3000/other does not contain http://localhost:3000/rs' } });
  });

  it('an introspection endpoint that refuses the RS credentials is 503, not invalid_token', async () => {
    const d = deps();
    d.introspection = { ...d.introspection, clientSecret: 'wrong' };
    const out = await handleNotesRequest(
      { method: 'GET', path: '/rs/api/notes', action: 'list', bearer: { authorization: 'Bearer opaque', query: new URLSearchParams() }, body: async () => '' },
      d,
    );
    expect(out).toMatchObject({ kind: 'problem', status: 503, detail: 'the introspection endpoint answered 401 without a valid answer' });
  });

  it('an unreachable authorization server is 503, not invalid_token and never 500', async () => {
    asReachable = false;
    const res = notesResponse(await request('list', { token: 'opaque' }), ORIGIN);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ title: 'Authorization server unavailable', detail: 'the introspection endpoint could not be reached (fetch failed)' });
  });
});

describe('mutation testing (npm run mutation): the request and the answer on the timeline', () => {
  const firstAndLast = () => {
    const [first, last] = [recorder.events[0]!, recorder.events.at(-1)!];
    return [
      { type: first.type, from: first.from, to: first.to, outcome: first.outcome, data: first.data },
      { type: last.type, from: last.from, to: last.to, outcome: last.outcome, data: last.data },
    ];
  };

  it('a 200: the client asked the resource server, which answered the client, ok', async () => {
    await request('read', { token: await token(), noteId: 'n1' });
    expect(firstAndLast()).toEqual([
      { type: 'resource_request.received', from: 'client', to: 'resource-server', outcome: 'info', data: { action: 'read', noteId: 'n1' } },
      { type: 'resource.answered', from: 'resource-server', to: 'client', outcome: 'ok', data: { status: 200 } },
    ]);
  });

  it('RFC 6750 §3.1 no token: a 401 challenge, denied; a list names no note', async () => {
    await request('list');
    expect(firstAndLast()).toEqual([
      { type: 'resource_request.received', from: 'client', to: 'resource-server', outcome: 'info', data: { action: 'list' } },
      { type: 'resource.answered', from: 'resource-server', to: 'client', outcome: 'denied', data: { status: 401 } },
    ]);
  });

  it('RFC 6750 §3.1 insufficient_scope: a 403 challenge, denied', async () => {
    await request('update', { token: await token({ scope: 'notes:read' }), noteId: 'n1', body: '{"title":"x"}' });
    expect(firstAndLast()[1]).toEqual({ type: 'resource.answered', from: 'resource-server', to: 'client', outcome: 'denied', data: { status: 403 } });
  });

  it('a policy refusal is a 403 problem, denied; an unknown note a 404', async () => {
    await request('update', { token: await token({ sub: 'bob' }), noteId: 'n4', body: '{"title":"x"}' });
    expect(firstAndLast()[1]).toMatchObject({ outcome: 'denied', data: { status: 403 } });
    recorder.events.length = 0;
    await request('read', { token: await token(), noteId: 'nope' });
    expect(firstAndLast()[1]).toMatchObject({ outcome: 'denied', data: { status: 404 } });
  });

  it('RFC 7662 §2.2 the AS unreachable for introspection: a 503, recorded as an error, not a denial', async () => {
    setRun({ verificationMode: 'introspection' });
    asReachable = false;
    await request('read', { token: await token(), noteId: 'n1' });
    expect(firstAndLast()[1]).toEqual({ type: 'resource.answered', from: 'resource-server', to: 'client', outcome: 'error', data: { status: 503 } });
  });
});

describe('mutation testing (npm run mutation): notes belong to the run of the token', () => {
  // DESIGN.md, Runs: a run's notes are its own; the resource server finds the run through the token.
  it('a note created with a token of one run is kept in that run, not in the shared one', async () => {
    const out = await request('create', { token: await token(), body: '{"title":"Mine","body":"text"}' });
    expect(out).toMatchObject({ kind: 'ok', status: 201 });
    const id = (out as { body: { id: string } }).body.id;
    const notes = notesStore(db, wall);
    expect(notes.find(RUN_ID, id)).toMatchObject({ title: 'Mine', owner: 'alice' });
    expect(notes.find(SHARED_RUN, id)).toBeUndefined();
  });
});
