import { describe, expect, it } from 'vitest';
import { validateAuthorizationRequest, type ValidatedAuthorizationRequest } from './authorization-request';
import { clientRegistry } from './clients';
import { reauthenticationReason } from './login-required';
import { T0, TEST_ORIGIN, TEST_RUN } from './test-support';
import { Params } from '@/lib/oauth/params';
import { s256Challenge } from '@/lib/oauth/pkce';
import type { SessionRow } from '@/lib/store/sessions';

const deps = { clients: clientRegistry(), origin: TEST_ORIGIN, defaultResource: `${TEST_ORIGIN}/rs` };

/** A validated request from cli, with the OpenID Connect parameters given. */
function request(over: Record<string, string> = {}): ValidatedAuthorizationRequest {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: 'cli',
    redirect_uri: 'http://127.0.0.1:53117/callback',
    scope: 'openid notes:read',
    code_challenge: s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
    code_challenge_method: 'S256',
    ...over,
  });
  const r = validateAuthorizationRequest(new Params(q), deps);
  if (!r.ok) throw new Error(`test request refused: ${r.error.description}`);
  return r.request;
}

/** alice, signed in at T0. */
const SESSION: SessionRow = { idHash: 'h', runId: TEST_RUN, userId: 'alice', authTime: T0, expiresAt: T0 + 8 * 3600 };
const at = (now: number, more: { signedInForThisRequest?: boolean; hintSubject?: string } = {}) => ({ now, signedInForThisRequest: false, ...more });

describe('OpenID Connect Core §3.1.2.1 max_age: the end-user must sign in again only when the sign-in is older than max_age', () => {
  it('a sign-in exactly max_age seconds old still does ("greater than this value" asks for a new one)', () => {
    expect(reauthenticationReason(request({ max_age: '60' }), SESSION, at(T0 + 60))).toBeUndefined();
  });
  it('one second more than max_age asks for a new sign-in, saying how old the sign-in is', () => {
    expect(reauthenticationReason(request({ max_age: '60' }), SESSION, at(T0 + 61))).toBe('the sign-in is 61 s old, more than max_age=60');
  });
  it('without max_age, prompt or id_token_hint an old session still does', () => {
    expect(reauthenticationReason(request(), SESSION, at(T0 + 7 * 3600))).toBeUndefined();
  });
  it('max_age=0 asks for a new sign-in even in the second of the sign-in ("equivalent to prompt=login")', () => {
    expect(reauthenticationReason(request({ max_age: '0' }), SESSION, at(T0))).toBe('max_age=0 asks the user to sign in again');
  });
});

describe('OpenID Connect Core §3.1.2.1 prompt and id_token_hint', () => {
  it('prompt=login and prompt=select_account ask for a sign-in whatever the session', () => {
    expect(reauthenticationReason(request({ prompt: 'login' }), SESSION, at(T0))).toBe('prompt=login asks the user to sign in again');
    expect(reauthenticationReason(request({ prompt: 'select_account' }), SESSION, at(T0))).toBe('prompt=select_account asks the user to choose an account');
  });
  it('prompt=consent alone does not ask for a sign-in', () => {
    expect(reauthenticationReason(request({ prompt: 'consent' }), SESSION, at(T0))).toBeUndefined();
  });
  it('an id_token_hint naming another user than the one signed in asks for a sign-in; naming the same user does not', () => {
    expect(reauthenticationReason(request(), SESSION, at(T0, { hintSubject: 'bob' }))).toBe('id_token_hint names bob, but alice is signed in');
    expect(reauthenticationReason(request(), SESSION, at(T0, { hintSubject: 'alice' }))).toBeUndefined();
  });
  it('a sign-in made for this very request satisfies prompt=login and max_age=0', () => {
    const fresh = { signedInForThisRequest: true };
    expect(reauthenticationReason(request({ prompt: 'login' }), SESSION, at(T0, fresh))).toBeUndefined();
    expect(reauthenticationReason(request({ max_age: '0' }), SESSION, at(T0 + 5, fresh))).toBeUndefined();
  });
});
