import { describe, expect, it } from 'vitest';
import { clientRegistry } from './clients';
import { csrfCookieHeader, csrfTokenFor, csrfTokenValid, loadPendingRequest, savePendingRequest, type PendingRequest } from './pending-request';
import { T0, TEST_RUN, testDeps } from './test-support';
import { Params } from '@/lib/oauth/params';
import { s256Challenge } from '@/lib/oauth/pkce';
import { completeAuthorizationRequest, findAuthorizationRequest } from '@/lib/store/authorization-requests';

const SECRET = 'browser-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const PARAMS: Record<string, string> = {
  response_type: 'code',
  client_id: 'cli',
  redirect_uri: 'http://127.0.0.1:53117/callback',
  scope: 'notes:read',
  state: 'st',
  code_challenge: s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
  code_challenge_method: 'S256',
};

function saved() {
  const t = testDeps();
  const id = savePendingRequest(new Params(new URLSearchParams(PARAMS)), TEST_RUN, SECRET, t.deps);
  return { t, id };
}

/** Expects a 400 page (never a redirect: the pending request cannot be trusted) that says how to start again. */
function expectGone(p: PendingRequest, description: string) {
  expect(p.ok).toBe(false);
  if (p.ok) return;
  expect(p.error.code).toBe('invalid_request');
  expect(p.error.description).toBe(description);
  expect(p.error.redirectable).toBe(false);
  expect(p.fix).toBe('Start again from the client app: it sends you back here with a new authorization request.');
}

describe('the pending authorization request, kept while the user signs in and consents', () => {
  it('keeps the parameters as received and expires 10 minutes (600 s) after it was made, by the run clock', () => {
    const { t, id } = saved();
    expect(findAuthorizationRequest(t.db, id)).toMatchObject({ runId: TEST_RUN, params: PARAMS, createdAt: T0, expiresAt: T0 + 600, completedAt: null });
    t.clock.advance(599);
    const p = loadPendingRequest(id, t.deps);
    expect(p.ok && p.request.client.client_id).toBe('cli');
    expect(p.ok && p.request.state).toBe('st');
    t.clock.advance(1);
    expectGone(loadPendingRequest(id, t.deps), 'this authorization request has expired (after 10 minutes)');
  });

  it('an unknown request id, or none, is a page, never a redirect', () => {
    const { t } = saved();
    expectGone(loadPendingRequest('no-such-request', t.deps), 'this authorization request is unknown');
    expectGone(loadPendingRequest(undefined, t.deps), 'this authorization request is unknown');
  });

  it('a request already answered cannot be answered again', () => {
    const { t, id } = saved();
    expect(completeAuthorizationRequest(t.db, id, T0)).toBe(true);
    expectGone(loadPendingRequest(id, t.deps), 'this authorization request has already been answered');
  });

  it('is validated again when loaded: a request no longer valid (its client is gone) is a page, not a code', () => {
    const { t, id } = saved();
    const p = loadPendingRequest(id, { ...t.deps, clients: clientRegistry([]) });
    expectGone(p, 'this authorization request is no longer valid: client_id cli is not a registered client');
  });
});

describe('CSRF protection of the sign-in and consent forms', () => {
  it('RFC 6265 §4.1.2: the browser secret cookie is HttpOnly (no script reads it), sent only to /as, SameSite=Lax', () => {
    expect(csrfCookieHeader('s3cret')).toBe('as_csrf=s3cret; Path=/as; HttpOnly; SameSite=Lax');
  });

  it('the form token is an HMAC-SHA-256 in base64url: 43 characters, fit for a hidden form field', () => {
    expect(csrfTokenFor(SECRET, 'request-1')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenFor(SECRET, 'request-1')).not.toBe(csrfTokenFor(SECRET, 'request-2'));
    expect(csrfTokenFor(SECRET, 'request-1')).not.toBe(csrfTokenFor('another-browser', 'request-1'));
  });

  it('accepts the token made for this request in the browser that started it', () => {
    const { t, id } = saved();
    expect(csrfTokenValid(findAuthorizationRequest(t.db, id)!, csrfTokenFor(SECRET, id), SECRET)).toBe(true);
  });

  it('refuses another browser posting the request with its own cookie and a token made from it: the token is bound to the browser that started the request', () => {
    const { t, id } = saved();
    const row = findAuthorizationRequest(t.db, id)!;
    const attacker = 'attacker-browser-secret-bbbbbbbbbbbbbbbbbbbbbb';
    expect(csrfTokenValid(row, csrfTokenFor(attacker, id), attacker)).toBe(false);
  });

  it('refuses a missing token or a missing cookie', () => {
    const { t, id } = saved();
    const row = findAuthorizationRequest(t.db, id)!;
    expect(csrfTokenValid(row, undefined, SECRET)).toBe(false);
    expect(csrfTokenValid(row, csrfTokenFor(SECRET, id), undefined)).toBe(false);
    expect(csrfTokenValid(row, '', '')).toBe(false);
  });
});
