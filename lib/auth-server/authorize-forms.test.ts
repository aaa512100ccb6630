import { describe, expect, it } from 'vitest';
import { startAuthorization, type AuthorizeStep } from './authorize';
import { submitConsent, submitSignIn } from './authorize-forms';
import { createIdToken } from './id-tokens';
import { csrfTokenFor } from './pending-request';
import { createSession } from './sessions';
import { T0, TEST_ORIGIN, TEST_RUN, testDeps } from './test-support';
import { Params } from '@/lib/oauth/params';
import { s256Challenge } from '@/lib/oauth/pkce';
import { completeAuthorizationRequest } from '@/lib/store/authorization-requests';
import type { EventInput } from '@/lib/timeline/recorder';

/** The sign-in and consent forms of the authorization endpoint (RFC 6749 §4.1.1, OpenID Connect Core §3.1.2.1). */
const ISS = `${TEST_ORIGIN}/as`;
const REDIRECT = 'http://127.0.0.1:53117/callback';
const SECRET = 'browser-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
type World = ReturnType<typeof testDeps>;

function params(over: Record<string, string> = {}): Params {
  return new Params(
    new URLSearchParams({
      response_type: 'code',
      client_id: 'cli',
      redirect_uri: REDIRECT,
      scope: 'openid notes:read notes:write',
      state: 'st',
      code_challenge: s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      code_challenge_method: 'S256',
      ...over,
    }),
  );
}

function requestId(step: AuthorizeStep, kind: 'sign-in' | 'consent'): string {
  if (step.kind !== kind) throw new Error(`expected ${kind}, got ${step.kind}`);
  return step.requestId;
}
function location(step: AuthorizeStep): URL {
  if (step.kind !== 'redirect') throw new Error(`expected a redirect, got ${step.kind}`);
  return new URL(step.location);
}
/** Expects a 400 page (never redirected), invalid_request with this description, that says how to go on. */
function expectPage(step: AuthorizeStep, description: string) {
  if (step.kind !== 'page') throw new Error(`expected a page, got ${step.kind}`);
  expect(step.error.code).toBe('invalid_request');
  expect(step.error.description).toBe(description);
  expect(step.error.redirectable).toBe(false);
  expect(step.error.status).toBe(400);
  return step.fix;
}

/** A pending request from a browser without a session: the sign-in page's request id. */
function pending(t: World, over: Record<string, string> = {}): string {
  return requestId(startAuthorization({ params: params(over), runId: TEST_RUN, browserSecret: SECRET }, t.deps), 'sign-in');
}
const form = (id: string) => ({ requestId: id, csrfToken: csrfTokenFor(SECRET, id), browserSecret: SECRET });
const signIn = (t: World, id: string, user = 'alice') => submitSignIn({ ...form(id), user }, t.deps);
const consent = (t: World, id: string, sessionToken: string | undefined, decision: string, scope: string[]) =>
  submitConsent({ ...form(id), sessionToken, decision, scope }, t.deps);

/** An ID token this server issued to cli for `sub`: an id_token_hint. */
const hintFor = (t: World, sub: string) => createIdToken({ issuer: ISS, clientId: 'cli', sub, authTime: T0, nonce: null, ttl: 300, now: T0 }, t.db);

const ofType = (t: World, type: string): EventInput | undefined => t.recorder.events.find((e) => e.type === type);

describe('the sign-in form', () => {
  it('a form that fails its CSRF check is a 400 page that says to post it from the page this server showed', () => {
    const t = testDeps();
    const id = pending(t);
    const r = submitSignIn({ requestId: id, csrfToken: 'forged', browserSecret: SECRET, user: 'alice' }, t.deps);
    const fix = expectPage(r.step, 'the form could not be verified: its csrf_token does not belong to this request in this browser');
    expect(fix).toMatch(/same browser/);
  });

  it('a user who is not a demo user (or none) is a 400 page listing the demo users', () => {
    const t = testDeps();
    const id = pending(t);
    const fix = expectPage(signIn(t, id, 'mallory').step, 'user mallory is not a demo user');
    expect(fix).toBe('Choose one of the demo users: alice, bob, carol.');
    expectPage(submitSignIn({ ...form(id) }, t.deps).step, 'user (none) is not a demo user');
  });

  it('records the sign-in, browser to auth-server, with the user, role and auth_time (the run clock)', () => {
    const t = testDeps();
    signIn(t, pending(t));
    expect(ofType(t, 'user.signed_in')).toMatchObject({ from: 'browser', to: 'auth-server', outcome: 'ok', data: { user: 'alice', role: 'editor', auth_time: T0 } });
  });

  it('a sign-in that reuses a remembered consent answers the request: posting the same sign-in form again is a page, not a second code', () => {
    const t = testDeps();
    const first = pending(t);
    const s = signIn(t, first);
    location(consent(t, first, s.sessionToken, 'allow', ['openid', 'notes:read', 'notes:write']));
    const id = pending(t); // a new request, no session cookie: consent is remembered
    expect(location(signIn(t, id).step).searchParams.get('code')).toBeTruthy();
    expectPage(signIn(t, id).step, 'this authorization request has already been answered');
    expect(t.recorder.events.filter((e) => e.type === 'authorization_code.issued')).toHaveLength(2);
  });

  it('Core §3.1.2.1: signing in as another user than the id_token_hint names answers the request with login_required; the form cannot be posted again', async () => {
    const t = testDeps();
    const id = pending(t, { id_token_hint: await hintFor(t, 'alice') });
    const loc = location(signIn(t, id, 'bob').step);
    expect(Object.fromEntries(loc.searchParams)).toEqual({ error: 'login_required', error_description: 'id_token_hint names alice, but bob signed in', state: 'st', iss: ISS });
    expectPage(signIn(t, id, 'alice').step, 'this authorization request has already been answered');
  });

  it('a request answered by another form post while this sign-in ran is a page, and the user stays signed in', async () => {
    for (const withHint of [true, false]) {
      const t = testDeps();
      const over: Record<string, string> = withHint ? { id_token_hint: await hintFor(t, 'alice') } : {};
      // alice consented earlier, so the sign-in would issue the code at once (or, with bob, refuse the hint).
      const first = pending(t);
      location(consent(t, first, signIn(t, first).sessionToken, 'allow', ['openid', 'notes:read', 'notes:write']));
      const id = pending(t, over);
      // Another tab's post answers the request between the sign-in and its code.
      const record = t.recorder.record;
      t.recorder.record = (e) => {
        record(e);
        if (e.type === 'user.signed_in') completeAuthorizationRequest(t.db, id, T0);
      };
      const user = withHint ? 'bob' : 'alice';
      const r = signIn(t, id, user);
      const fix = expectPage(r.step, 'this authorization request has already been answered');
      expect(fix).toMatch(/Start again from the client app/);
      expect(r.sessionToken).toBeTruthy();
      expect(t.recorder.events.filter((e) => e.type === 'authorization_code.issued')).toHaveLength(1);
    }
  });
});

describe('the consent form', () => {
  function atConsent(t: World) {
    const id = pending(t);
    const s = signIn(t, id);
    requestId(s.step, 'consent');
    return { id, sessionToken: s.sessionToken! };
  }

  it('a decision other than allow or deny is a 400 page that says to press one', () => {
    const t = testDeps();
    const { id, sessionToken } = atConsent(t);
    const fix = expectPage(consent(t, id, sessionToken, 'maybe', ['notes:read']), 'the consent form needs decision=allow or decision=deny');
    expect(fix).toMatch(/Allow or Deny/);
  });

  it('Deny is recorded browser to auth-server as denied, then access_denied goes back to the client (RFC 6749 §4.1.2.1)', () => {
    const t = testDeps();
    const { id, sessionToken } = atConsent(t);
    expect(location(consent(t, id, sessionToken, 'deny', [])).searchParams.get('error')).toBe('access_denied');
    expect(ofType(t, 'consent.denied')).toMatchObject({ from: 'browser', to: 'auth-server', outcome: 'denied' });
  });

  it('Allow with every requested scope checked is recorded browser to auth-server as granted, without "asked for"', () => {
    const t = testDeps();
    const { id, sessionToken } = atConsent(t);
    location(consent(t, id, sessionToken, 'allow', ['openid', 'notes:read', 'notes:write']));
    const granted = ofType(t, 'consent.granted')!;
    expect(granted).toMatchObject({ from: 'browser', to: 'auth-server', outcome: 'ok' });
    expect(granted.summary).toBe('alice granted cli openid notes:read notes:write');
  });

  it('Core §3.1.2.1: the consent form posted with a session of another user than the id_token_hint names sends the browser to sign in', async () => {
    const t = testDeps();
    const { token: bobSession } = createSession(TEST_RUN, 'bob', t.deps);
    const hint = await hintFor(t, 'alice');
    const id = requestId(startAuthorization({ params: params({ id_token_hint: hint }), runId: TEST_RUN, sessionToken: bobSession, browserSecret: SECRET }, t.deps), 'sign-in');
    expect(consent(t, id, bobSession, 'allow', ['openid', 'notes:read'])).toEqual({ kind: 'sign-in', requestId: id });
    expect(ofType(t, 'authorization_code.issued')).toBeUndefined();
  });
});
