import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { startAuthorization, type AuthorizeStep } from './authorize';
import { submitConsent, submitSignIn } from './authorize-forms';
import { csrfTokenFor } from './pending-request';
import { T0, TEST_ORIGIN, TEST_RUN, testDeps, VERIFIER } from './test-support';
import { tokenRequest } from './token-test-support';
import { Params } from '@/lib/oauth/params';
import { s256Challenge } from '@/lib/oauth/pkce';

const ISS = `${TEST_ORIGIN}/as`;
const REDIRECT = 'http://127.0.0.1:53117/callback';
const SECRET = 'browser-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
type World = ReturnType<typeof testDeps>;

function params(over: Record<string, string | undefined> = {}): Params {
  const base: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: 'cli',
    redirect_uri: REDIRECT,
    scope: 'openid notes:read',
    state: 'st',
    nonce: 'n-1',
    code_challenge: s256Challenge(VERIFIER),
    code_challenge_method: 'S256',
    ...over,
  };
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(base)) if (v !== undefined) q.append(k, v);
  return new Params(q);
}

const start = (t: World, sessionToken: string | undefined, over: Record<string, string | undefined> = {}) =>
  startAuthorization({ params: params(over), runId: TEST_RUN, sessionToken, browserSecret: SECRET }, t.deps);

function location(step: AuthorizeStep): URL {
  if (step.kind !== 'redirect') throw new Error(`expected a redirect, got ${step.kind}`);
  return new URL(step.location);
}
function requestId(step: AuthorizeStep, kind: 'sign-in' | 'consent'): string {
  if (step.kind !== kind) throw new Error(`expected ${kind}, got ${step.kind}`);
  return step.requestId;
}

function signIn(t: World, id: string, user = 'alice') {
  return submitSignIn({ requestId: id, csrfToken: csrfTokenFor(SECRET, id), browserSecret: SECRET, user }, t.deps);
}
function consent(t: World, id: string, sessionToken: string | undefined) {
  return submitConsent({ requestId: id, csrfToken: csrfTokenFor(SECRET, id), browserSecret: SECRET, sessionToken, decision: 'allow', scope: ['openid', 'notes:read'] }, t.deps);
}

/** alice signs in at T0 and consents to cli for openid notes:read; returns her session cookie. */
function signedInWithConsent(t: World): string {
  const id = requestId(start(t, undefined), 'sign-in');
  const s = signIn(t, id);
  location(consent(t, id, s.sessionToken));
  return s.sessionToken!;
}

async function idTokenFor(t: World, loc: URL): Promise<Record<string, unknown>> {
  const { body } = await tokenRequest(t.deps, { grant_type: 'authorization_code', client_id: 'cli', code: loc.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: VERIFIER });
  return decodeJwt(body.id_token!);
}

describe('OpenID Connect Core §3.1.2.1 max_age', () => {
  it('max_age=60 one hour after the sign-in (run clock) shows the sign-in page; the ID token carries the new auth_time', async () => {
    const t = testDeps();
    const session = signedInWithConsent(t);
    t.clock.advance(3600);
    const id = requestId(start(t, session, { max_age: '60' }), 'sign-in');
    const loc = location(signIn(t, id).step); // consent is remembered: the code comes at once
    const claims = await idTokenFor(t, loc);
    expect(claims.auth_time).toBe(T0 + 3600);
    expect(claims.nonce).toBe('n-1');
  });

  it('max_age=7200 one hour after the sign-in issues a code at once, with the old auth_time', async () => {
    const t = testDeps();
    const session = signedInWithConsent(t);
    t.clock.advance(3600);
    expect((await idTokenFor(t, location(start(t, session, { max_age: '7200' })))).auth_time).toBe(T0);
  });

  it('max_age=0 behaves like prompt=login, even in the second of the sign-in', () => {
    const t = testDeps();
    const session = signedInWithConsent(t);
    expect(start(t, session, { max_age: '0' }).kind).toBe('sign-in');
  });

  it('prompt=none with a sign-in older than max_age is login_required, with state and iss', () => {
    const t = testDeps();
    const session = signedInWithConsent(t);
    t.clock.advance(3600);
    const loc = location(start(t, session, { prompt: 'none', max_age: '60' }));
    expect(loc.origin + loc.pathname).toBe(REDIRECT);
    expect(Object.fromEntries(loc.searchParams)).toEqual({
      error: 'login_required',
      error_description: 'the sign-in is 3600 s old, more than max_age=60',
      state: 'st',
      iss: ISS,
    });
  });

  it.each(['-1', '1.5', 'soon', '01'])('max_age=%s is invalid_request', (maxAge) => {
    const t = testDeps();
    const loc = location(start(t, undefined, { max_age: maxAge }));
    expect(loc.searchParams.get('error')).toBe('invalid_request');
    expect(loc.searchParams.get('error_description')).toBe('max_age must be a non-negative integer number of seconds');
  });

  it('the consent form posted with the old session cannot skip the sign-in max_age asked for', () => {
    const t = testDeps();
    const session = signedInWithConsent(t);
    t.clock.advance(3600);
    const id = requestId(start(t, session, { max_age: '60', prompt: 'consent' }), 'sign-in');
    expect(consent(t, id, session)).toEqual({ kind: 'sign-in', requestId: id });
  });
});

describe('OpenID Connect Core §3.1.2.1 prompt=login and select_account force a sign-in', () => {
  it('prompt=login: posting the consent form with the earlier session sends the browser to sign in, and issues no code', () => {
    const t = testDeps();
    const session = signedInWithConsent(t);
    const id = requestId(start(t, session, { prompt: 'login' }), 'sign-in');
    expect(consent(t, id, session)).toEqual({ kind: 'sign-in', requestId: id });
    expect(t.recorder.events.filter((e) => e.type === 'authorization_code.issued')).toHaveLength(1); // only the first flow's
  });

  it('prompt=login: signing in as someone else issues the code for that user, with their auth_time', async () => {
    const t = testDeps();
    const session = signedInWithConsent(t);
    t.clock.advance(30);
    const id = requestId(start(t, session, { prompt: 'login' }), 'sign-in');
    const bob = signIn(t, id, 'bob');
    const loc = location(consent(t, id, bob.sessionToken));
    const claims = await idTokenFor(t, loc);
    expect([claims.sub, claims.auth_time]).toEqual(['bob', T0 + 30]);
  });

  it('prompt=select_account shows the sign-in page (the account chooser) although a session exists', () => {
    const t = testDeps();
    const session = signedInWithConsent(t);
    expect(start(t, session, { prompt: 'select_account' }).kind).toBe('sign-in');
  });
});

describe('OpenID Connect Core §3.1.2.1 id_token_hint', () => {
  async function hintFor(t: World, session: string): Promise<string> {
    const loc = location(start(t, session));
    const { body } = await tokenRequest(t.deps, { grant_type: 'authorization_code', client_id: 'cli', code: loc.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: VERIFIER });
    return body.id_token!;
  }

  it('a hint naming the signed-in user issues a code at once, even when the ID token has expired', async () => {
    const t = testDeps();
    const session = signedInWithConsent(t);
    const hint = await hintFor(t, session);
    t.clock.advance(7200); // the ID token's exp has passed; the session (8 h) has not
    expect(location(start(t, session, { id_token_hint: hint })).searchParams.get('code')).toBeTruthy();
  });

  it('a hint naming another user than the one signed in: sign in again, or login_required with prompt=none', async () => {
    const t = testDeps();
    const aliceSession = signedInWithConsent(t);
    const hint = await hintFor(t, aliceSession);
    const id = requestId(start(t, undefined), 'sign-in');
    const bob = signIn(t, id, 'bob');
    expect(start(t, bob.sessionToken, { id_token_hint: hint }).kind).toBe('sign-in');
    const loc = location(start(t, bob.sessionToken, { id_token_hint: hint, prompt: 'none' }));
    expect([loc.searchParams.get('error'), loc.searchParams.get('error_description')]).toEqual(['login_required', 'id_token_hint names alice, but bob is signed in']);
  });

  it('signing in as another user than the hint names is login_required, with state and iss (Core: SHOULD return an error)', async () => {
    const t = testDeps();
    const aliceSession = signedInWithConsent(t);
    const hint = await hintFor(t, aliceSession);
    const id = requestId(start(t, undefined, { id_token_hint: hint }), 'sign-in');
    const loc = location(signIn(t, id, 'bob').step);
    expect(Object.fromEntries(loc.searchParams)).toEqual({ error: 'login_required', error_description: 'id_token_hint names alice, but bob signed in', state: 'st', iss: ISS });
    // Signing in as the hinted user goes on as usual.
    const again = requestId(start(t, undefined, { id_token_hint: hint }), 'sign-in');
    expect(location(signIn(t, again, 'alice').step).searchParams.get('code')).toBeTruthy();
  });

  it.each([
    ['garbage', 'garbage'],
    ['an ID token with its signature altered', 'tamper'],
  ])('a hint that is not this server s ID token for the client (%s) is invalid_request', async (_, kind) => {
    const t = testDeps();
    const session = signedInWithConsent(t);
    const real = await hintFor(t, session);
    const hint = kind === 'garbage' ? 'garbage' : `${real.slice(0, -4)}AAAA`;
    const loc = location(start(t, session, { id_token_hint: hint }));
    expect(Object.fromEntries(loc.searchParams)).toEqual({
      error: 'invalid_request',
      error_description: 'id_token_hint is not an ID token this server issued to cli',
      state: 'st',
      iss: ISS,
    });
  });
});

describe('OpenID Connect Core §6 / §3.1.2.6 request, request_uri and registration are refused before any sign-in', () => {
  it.each([
    ['request', 'eyJhbGciOiJub25lIn0.eyJub25jZSI6Im4tMiJ9.', 'request_not_supported', 'request objects (the request parameter) are not supported'],
    ['request_uri', 'https://app.example/request.jwt', 'request_uri_not_supported', 'request objects by reference (the request_uri parameter) are not supported'],
    ['registration', '{"client_name":"x"}', 'registration_not_supported', 'the registration parameter is not supported: clients are registered in advance'],
  ])('%s: an error redirect with state and iss, no sign-in page, recorded', (name, value, error, description) => {
    const t = testDeps();
    const loc = location(start(t, undefined, { [name]: value }));
    expect(loc.origin + loc.pathname).toBe(REDIRECT);
    expect(Object.fromEntries(loc.searchParams)).toEqual({ error, error_description: description, state: 'st', iss: ISS });
    expect(t.recorder.events.map((e) => e.type)).toEqual(['authorization_request.received', 'authorization_request.rejected']);
  });
});

describe('OpenID Connect Core §3.1.2.1 parameters harmlessly ignored', () => {
  it('display, ui_locales, claims_locales, login_hint, acr_values and claims change nothing', () => {
    const t = testDeps();
    const session = signedInWithConsent(t);
    const over = { display: 'popup', ui_locales: 'fr-CA fr', claims_locales: 'fr', login_hint: 'bob', acr_values: 'urn:mace:incommon:iap:silver', claims: '{"id_token":{"auth_time":{"essential":true}}}' };
    expect(location(start(t, session, over)).searchParams.get('code')).toBeTruthy();
  });
});
