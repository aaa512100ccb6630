import { describe, expect, it } from 'vitest';
import { startAuthorization, type AuthorizeStep } from './authorize';
import { submitConsent, submitSignIn } from './authorize-forms';
import { CODE_TTL } from './issue-code';
import { csrfTokenFor, PENDING_REQUEST_TTL } from './pending-request';
import { createSession } from './sessions';
import { T0, TEST_ORIGIN, TEST_RUN, testDeps } from './test-support';
import { tokenHash } from './token-hash';
import { Params } from '@/lib/oauth/params';
import { s256Challenge } from '@/lib/oauth/pkce';
import { findAuthorizationCode } from '@/lib/store/authorization-codes';
import { findGrant } from '@/lib/store/grants';
import { collectingRecorder } from '@/lib/timeline/recorder';

const ISS = `${TEST_ORIGIN}/as`;
const REDIRECT = 'http://127.0.0.1:53117/callback';
const CHALLENGE = s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
const SECRET = 'browser-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

function params(over: Record<string, string | undefined> = {}): Params {
  const base: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: 'cli',
    redirect_uri: REDIRECT,
    scope: 'notes:read notes:write',
    state: 'st',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...over,
  };
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(base)) if (v !== undefined) q.append(k, v);
  return new Params(q);
}

function location(step: AuthorizeStep): URL {
  if (step.kind !== 'redirect') throw new Error(`expected a redirect, got ${step.kind}`);
  return new URL(step.location);
}

function pendingId(step: AuthorizeStep, kind: 'sign-in' | 'consent'): string {
  if (step.kind !== kind) throw new Error(`expected ${kind}, got ${step.kind}`);
  return step.requestId;
}

/** Runs request → sign-in → consent with the given checked scopes; returns the final step and the world. */
function flow(over: Record<string, string | undefined> = {}, checked = ['notes:read', 'notes:write'], decision = 'allow') {
  const t = testDeps();
  const start = startAuthorization({ params: params(over), runId: TEST_RUN, browserSecret: SECRET }, t.deps);
  const requestId = pendingId(start, 'sign-in');
  const csrfToken = csrfTokenFor(SECRET, requestId);
  const signIn = submitSignIn({ requestId, csrfToken, browserSecret: SECRET, user: 'alice' }, t.deps);
  expect(pendingId(signIn.step, 'consent')).toBe(requestId);
  const end = submitConsent({ requestId, csrfToken, browserSecret: SECRET, sessionToken: signIn.sessionToken, decision, scope: checked }, t.deps);
  return { t, end, requestId, csrfToken, sessionToken: signIn.sessionToken! };
}

describe('RFC 6749 §4.1 authorization code flow, step by step', () => {
  it('A11 signs in, consents, and redirects with code, state and iss; records the protocol legs', () => {
    const { t, end } = flow();
    const loc = location(end);
    expect(loc.origin + loc.pathname).toBe(REDIRECT);
    expect([...loc.searchParams.keys()]).toEqual(['code', 'state', 'iss']);
    expect(loc.searchParams.get('state')).toBe('st');
    expect(loc.searchParams.get('iss')).toBe(ISS);
    expect(t.recorder.events.map((e) => e.type)).toEqual([
      'authorization_request.received',
      'user.signed_in',
      'consent.shown',
      'consent.granted',
      'authorization_code.issued',
    ]);
    expect(t.recorder.runId).toBe(TEST_RUN);
    const issued = t.recorder.events.at(-1)!;
    expect(issued).toMatchObject({ from: 'auth-server', to: 'browser', outcome: 'ok' });
    expect(issued.tokens).toEqual([{ kind: 'authorization_code', raw: loc.searchParams.get('code') }]);
  });

  it('§4.1.2 stores the code hashed, bound to client, redirect_uri and challenge, for 60 seconds', () => {
    const { t, end } = flow();
    const code = location(end).searchParams.get('code')!;
    const row = findAuthorizationCode(t.db, tokenHash(code))!;
    expect(row).toMatchObject({
      runId: TEST_RUN,
      clientId: 'cli',
      redirectUri: REDIRECT,
      redirectUriInRequest: true,
      codeChallenge: CHALLENGE,
      expiresAt: T0 + CODE_TTL,
      consumedAt: null,
    });
    expect(CODE_TTL).toBe(60);
    expect(findAuthorizationCode(t.db, code)).toBeUndefined();
    expect(findGrant(t.db, row.grantId)).toMatchObject({
      clientId: 'cli',
      userId: 'alice',
      scope: 'notes:read notes:write',
      resource: `${TEST_ORIGIN}/rs`,
      authTime: T0,
      nonce: null,
    });
  });

  it('§3.3 unchecking notes:write grants read-only: granted = checked ∩ requested', () => {
    const { t, end } = flow({}, ['notes:read', 'offline_access']);
    const code = location(end).searchParams.get('code')!;
    const grant = findGrant(t.db, findAuthorizationCode(t.db, tokenHash(code))!.grantId)!;
    expect(grant.scope).toBe('notes:read');
    const granted = t.recorder.events.find((e) => e.type === 'consent.granted')!;
    expect(granted.consent).toEqual({ requested: ['notes:read', 'notes:write'], granted: ['notes:read'] });
    expect(granted.summary).toBe('alice granted cli notes:read (asked for notes:read notes:write)');
  });

  it('O1 OpenID Connect Core §2 stores the nonce in the grant, for the ID token', () => {
    const { t, end } = flow({ scope: 'openid notes:read', nonce: 'n-0S6_WzA2Mj' }, ['openid', 'notes:read']);
    const code = location(end).searchParams.get('code')!;
    const grant = findGrant(t.db, findAuthorizationCode(t.db, tokenHash(code))!.grantId)!;
    expect(grant.nonce).toBe('n-0S6_WzA2Mj');
    expect(grant.scope).toBe('openid notes:read');
  });

  it('A8 Deny redirects with access_denied, state and iss, and records consent.denied', () => {
    const { t, end } = flow({}, ['notes:read'], 'deny');
    const loc = location(end);
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('error_description')).toBe('the user denied the request');
    expect(loc.searchParams.get('state')).toBe('st');
    expect(loc.searchParams.get('iss')).toBe(ISS);
    expect(loc.searchParams.has('code')).toBe(false);
    const denied = t.recorder.events.find((e) => e.type === 'consent.denied')!;
    expect(denied.consent).toEqual({ requested: ['notes:read', 'notes:write'], granted: [] });
  });

  it('A8 Allow with every scope unchecked is access_denied too', () => {
    const loc = location(flow({}, []).end);
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('error_description')).toBe('the user granted none of the requested scopes');
  });
});

describe('B5 RFC 9207 §2: iss on every authorization response', () => {
  it('on success, on denial, on a validation error and on login_required', () => {
    const t = testDeps();
    const responses = [
      location(flow().end),
      location(flow({}, [], 'deny').end),
      location(startAuthorization({ params: params({ response_type: 'token' }), runId: TEST_RUN, browserSecret: SECRET }, t.deps)),
      location(startAuthorization({ params: params({ prompt: 'none' }), runId: TEST_RUN, browserSecret: SECRET }, t.deps)),
    ];
    for (const loc of responses) expect(loc.searchParams.get('iss')).toBe(ISS);
  });
  it('A6 a rejected request records authorization_request.rejected with the error', () => {
    const t = testDeps();
    startAuthorization({ params: params({ response_type: 'token' }), runId: TEST_RUN, browserSecret: SECRET }, t.deps);
    expect(t.recorder.events.map((e) => e.type)).toEqual(['authorization_request.received', 'authorization_request.rejected']);
    expect(t.recorder.events[1]!.data).toEqual({
      error: 'unsupported_response_type',
      error_description: 'response_type token is not supported: only code (the authorization code grant)',
    });
  });
  it('A1 a bad client_id is a page, recorded, never a redirect', () => {
    const t = testDeps();
    const step = startAuthorization({ params: params({ client_id: 'nope' }), runId: TEST_RUN, browserSecret: SECRET }, t.deps);
    expect(step.kind).toBe('page');
    expect(t.recorder.events[1]!.type).toBe('authorization_request.rejected');
  });
});

describe('remembered consent and prompt (OpenID Connect Core §3.1.2.1)', () => {
  function signedIn() {
    const t = testDeps();
    const { token } = createSession(TEST_RUN, 'alice', t.deps);
    return { t, token };
  }
  const start = (t: ReturnType<typeof testDeps>, token: string | undefined, over: Record<string, string | undefined> = {}) =>
    startAuthorization({ params: params(over), runId: TEST_RUN, sessionToken: token, browserSecret: SECRET }, t.deps);

  it('reuses consent silently when the same client asks for no more than was granted (consent.reused)', () => {
    const { t, sessionToken } = flow({}, ['notes:read']);
    t.recorder.events.length = 0;
    const loc = location(start(t, sessionToken, { scope: 'notes:read' }));
    expect(loc.searchParams.get('code')).toBeTruthy();
    expect(t.recorder.events.map((e) => e.type)).toEqual(['authorization_request.received', 'consent.reused', 'authorization_code.issued']);
    expect(t.recorder.events[1]!.consent).toEqual({ requested: ['notes:read'], granted: ['notes:read'] });
  });
  it('asks again when the client asks for more than was granted', () => {
    const { t, sessionToken } = flow({}, ['notes:read']);
    expect(start(t, sessionToken).kind).toBe('consent');
  });
  it('prompt=consent forces the consent page', () => {
    const { t, sessionToken } = flow();
    expect(start(t, sessionToken, { prompt: 'consent' }).kind).toBe('consent');
  });
  it('prompt=login asks to sign in again', () => {
    const { t, token } = signedIn();
    expect(start(t, token, { prompt: 'login' }).kind).toBe('sign-in');
  });
  it('prompt=none without a session is login_required, redirected', () => {
    const t = testDeps();
    const loc = location(start(t, undefined, { prompt: 'none' }));
    expect(loc.searchParams.get('error')).toBe('login_required');
    expect(loc.searchParams.get('error_description')).toBe('the user is not signed in at the authorization server');
    expect(loc.searchParams.get('state')).toBe('st');
  });
  it('prompt=none with a session but no consent is consent_required', () => {
    const { t, token } = signedIn();
    expect(location(start(t, token, { prompt: 'none' })).searchParams.get('error')).toBe('consent_required');
  });
  it('a signed-in user with no consent yet goes straight to the consent page', () => {
    const { t, token } = signedIn();
    expect(start(t, token).kind).toBe('consent');
    expect(t.recorder.events.map((e) => e.type)).toEqual(['authorization_request.received', 'consent.shown']);
  });
  it('a session of another run does not count', () => {
    const { t, token } = signedIn();
    const other = startAuthorization({ params: params(), runId: 'other-run-bbbbbbbbbbbbbbbbbbbb', sessionToken: token, browserSecret: SECRET }, t.deps);
    expect(other.kind).toBe('sign-in');
  });
  it('an expired session does not count', () => {
    const { t, token } = signedIn();
    t.clock.advance(8 * 3600);
    expect(start(t, token).kind).toBe('sign-in');
  });
});

describe('CSRF protection and stale forms', () => {
  function pending() {
    const t = testDeps();
    const requestId = pendingId(startAuthorization({ params: params(), runId: TEST_RUN, browserSecret: SECRET }, t.deps), 'sign-in');
    return { t, requestId, csrfToken: csrfTokenFor(SECRET, requestId) };
  }
  const pageError = (step: AuthorizeStep) => (step.kind === 'page' ? step.error.description : `not a page: ${step.kind}`);

  it('rejects a forged csrf_token with a page', () => {
    const { t, requestId } = pending();
    const r = submitSignIn({ requestId, csrfToken: 'forged', browserSecret: SECRET, user: 'alice' }, t.deps);
    expect(pageError(r.step)).toBe('the form could not be verified: its csrf_token does not belong to this request in this browser');
    expect(r.sessionToken).toBeUndefined();
  });
  it('records a forged form on the run the request names, never on the pending request\'s run (issue 8 §4)', () => {
    const { t, requestId } = pending();
    const recorder = collectingRecorder();
    submitSignIn({ requestId, csrfToken: 'forged', browserSecret: 'attacker', user: 'alice' }, { ...t.deps, recorder });
    expect(recorder.runId).toBeUndefined();
  });
  it('rejects the right token from another browser (another as_csrf cookie) or none', () => {
    const { t, requestId, csrfToken } = pending();
    expect(pageError(submitSignIn({ requestId, csrfToken, browserSecret: 'another-browser', user: 'alice' }, t.deps).step)).toMatch(/could not be verified/);
    expect(pageError(submitSignIn({ requestId, csrfToken, user: 'alice' }, t.deps).step)).toMatch(/could not be verified/);
  });
  it('rejects a token made for another pending request', () => {
    const { t, requestId } = pending();
    const r = submitSignIn({ requestId, csrfToken: csrfTokenFor(SECRET, 'another-request'), browserSecret: SECRET, user: 'alice' }, t.deps);
    expect(pageError(r.step)).toMatch(/could not be verified/);
  });
  it('rejects an unknown user', () => {
    const { t, requestId, csrfToken } = pending();
    expect(pageError(submitSignIn({ requestId, csrfToken, browserSecret: SECRET, user: 'mallory' }, t.deps).step)).toBe('user mallory is not a demo user');
  });
  it('rejects a pending request after 10 minutes', () => {
    const { t, requestId, csrfToken } = pending();
    t.clock.advance(PENDING_REQUEST_TTL);
    expect(pageError(submitSignIn({ requestId, csrfToken, browserSecret: SECRET, user: 'alice' }, t.deps).step)).toBe(
      'this authorization request has expired (after 10 minutes)',
    );
  });
  it('answers a consent form only once: a replayed Allow is a page', () => {
    const { t, requestId, csrfToken, sessionToken, end } = flow();
    expect(end.kind).toBe('redirect');
    const again = submitConsent({ requestId, csrfToken, browserSecret: SECRET, sessionToken, decision: 'allow', scope: ['notes:read'] }, t.deps);
    expect(pageError(again)).toBe('this authorization request has already been answered');
  });
  it('sends a consent post without a session to the sign-in page', () => {
    const { t, requestId, csrfToken } = pending();
    const step = submitConsent({ requestId, csrfToken, browserSecret: SECRET, decision: 'allow', scope: ['notes:read'] }, t.deps);
    expect(step).toEqual({ kind: 'sign-in', requestId });
  });
  it('requires decision=allow or deny', () => {
    const { t, requestId, csrfToken } = pending();
    const { sessionToken } = submitSignIn({ requestId, csrfToken, browserSecret: SECRET, user: 'bob' }, t.deps);
    const step = submitConsent({ requestId, csrfToken, browserSecret: SECRET, sessionToken, decision: 'maybe', scope: [] }, t.deps);
    expect(pageError(step)).toBe('the consent form needs decision=allow or decision=deny');
  });
});

describe('the authorization endpoint on the timeline (what a person reads)', () => {
  it('records the request as received, browser to auth-server, with its parameters; the run is the one the request itself names', () => {
    const t = testDeps();
    const useRun: unknown[][] = [];
    const recorder = { ...t.recorder, useRun: (...args: unknown[]) => void useRun.push(args) };
    startAuthorization({ params: params({ scope: undefined }), runId: TEST_RUN, browserSecret: SECRET }, { ...t.deps, recorder });
    // basis 'request': no code or token vouches for the run yet, only the request (X-Sandbox-Run or the browser's run).
    expect(useRun).toEqual([[TEST_RUN, 'request']]);
    const received = t.recorder.events[0]!;
    expect(received).toMatchObject({ from: 'browser', to: 'auth-server', type: 'authorization_request.received', outcome: 'info' });
    expect(received.data).toEqual({
      params: { response_type: 'code', client_id: 'cli', redirect_uri: REDIRECT, state: 'st', code_challenge: CHALLENGE, code_challenge_method: 'S256' },
    });
    expect(received.summary).toBe('Authorization request from client_id=cli: response_type=code, scope=(none)');
  });

  it('the summary shows both values of a parameter sent twice', () => {
    const t = testDeps();
    const q = new URLSearchParams({ response_type: 'code', client_id: 'cli', scope: 'notes:read' });
    q.append('client_id', 'notes-assistant');
    startAuthorization({ params: new Params(q), runId: TEST_RUN, browserSecret: SECRET }, t.deps);
    expect(t.recorder.events[0]!.summary).toBe('Authorization request from client_id=cli + notes-assistant: response_type=code, scope=notes:read');
  });

  it('A1 a request refused on a page is recorded auth-server to browser as an error, saying it was not redirected', () => {
    const t = testDeps();
    startAuthorization({ params: params({ client_id: 'nope' }), runId: TEST_RUN, browserSecret: SECRET }, t.deps);
    const rejected = t.recorder.events[1]!;
    expect(rejected).toMatchObject({ from: 'auth-server', to: 'browser', type: 'authorization_request.rejected', outcome: 'error' });
    expect(rejected.data).toEqual({ error: 'invalid_request', error_description: 'client_id nope is not a registered client' });
    expect(rejected.summary).toMatch(/not redirected/);
  });

  it('A6 a redirected error is recorded auth-server to browser as an error, naming the redirect URI', () => {
    const t = testDeps();
    startAuthorization({ params: params({ response_type: 'token' }), runId: TEST_RUN, browserSecret: SECRET }, t.deps);
    const rejected = t.recorder.events[1]!;
    expect(rejected).toMatchObject({ from: 'auth-server', to: 'browser', type: 'authorization_request.rejected', outcome: 'error' });
    expect(rejected.summary).toContain(`redirect to ${REDIRECT}`);
  });

  it('the consent page is recorded auth-server to browser with the scopes asked for, none granted yet, and what each means', () => {
    const t = testDeps();
    const { token } = createSession(TEST_RUN, 'alice', t.deps);
    startAuthorization({ params: params(), runId: TEST_RUN, sessionToken: token, browserSecret: SECRET }, t.deps);
    const shown = t.recorder.events[1]!;
    expect(shown).toMatchObject({ from: 'auth-server', to: 'browser', type: 'consent.shown', outcome: 'info' });
    expect(shown.consent).toEqual({ requested: ['notes:read', 'notes:write'], granted: [] });
    expect(shown.data).toEqual({
      meanings: { 'notes:read': 'Read your notes and the notes shared with you', 'notes:write': 'Create, edit and delete notes on your behalf' },
    });
  });

  it('a remembered consent is recorded within the auth-server (no page), then the code', () => {
    const { t, sessionToken } = flow();
    t.recorder.events.length = 0;
    startAuthorization({ params: params(), runId: TEST_RUN, sessionToken, browserSecret: SECRET }, t.deps);
    expect(t.recorder.events[1]).toMatchObject({ from: 'auth-server', to: 'auth-server', type: 'consent.reused', outcome: 'info' });
  });
});

describe('OpenID Connect Core §3.1.2.1 prompt=none answers without a page', () => {
  it('with a session and a remembered consent covering the request, it issues the code at once', () => {
    const { t, sessionToken } = flow();
    t.recorder.events.length = 0;
    const loc = location(startAuthorization({ params: params({ prompt: 'none' }), runId: TEST_RUN, sessionToken, browserSecret: SECRET }, t.deps));
    expect(loc.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(loc.searchParams.get('error')).toBeNull();
    expect([loc.searchParams.get('state'), loc.searchParams.get('iss')]).toEqual(['st', ISS]);
    expect(t.recorder.events.map((e) => e.type)).toEqual(['authorization_request.received', 'consent.reused', 'authorization_code.issued']);
  });
});

describe('the consent page for a signed-in user', () => {
  it('names a pending request that the consent form, with this browser s csrf_token, can answer', () => {
    const t = testDeps();
    const { token } = createSession(TEST_RUN, 'alice', t.deps);
    const requestId = pendingId(startAuthorization({ params: params(), runId: TEST_RUN, sessionToken: token, browserSecret: SECRET }, t.deps), 'consent');
    const end = submitConsent(
      { requestId, csrfToken: csrfTokenFor(SECRET, requestId), browserSecret: SECRET, sessionToken: token, decision: 'allow', scope: ['notes:read'] },
      t.deps,
    );
    expect(location(end).searchParams.get('code')).toBeTruthy();
  });
});
