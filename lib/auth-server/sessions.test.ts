import { describe, expect, it } from 'vitest';
import { createSession, currentSession, sessionCookieHeader } from './sessions';
import { T0, TEST_RUN, testDeps } from './test-support';
import { tokenHash } from './token-hash';

describe('the sign-in at the authorization server (as_session)', () => {
  it('RFC 6265 §4.1.2: the cookie is HttpOnly, sent only to /as, SameSite=Lax, and lasts 8 hours (28800 s)', () => {
    expect(sessionCookieHeader('tok')).toBe('as_session=tok; Path=/as; HttpOnly; SameSite=Lax; Max-Age=28800');
  });

  it('is stored by the hash of its cookie, with the sign-in time (auth_time) by the run clock, and lasts 8 hours', () => {
    const t = testDeps();
    const { token, session } = createSession(TEST_RUN, 'alice', t.deps);
    expect(session).toEqual({ idHash: tokenHash(token), runId: TEST_RUN, userId: 'alice', authTime: T0, expiresAt: T0 + 28800 });
    expect(currentSession(token, TEST_RUN, t.deps)).toEqual(session);
    t.clock.advance(28799);
    expect(currentSession(token, TEST_RUN, t.deps)?.userId).toBe('alice');
    t.clock.advance(1);
    expect(currentSession(token, TEST_RUN, t.deps)).toBeUndefined();
  });

  it('no cookie, an unknown cookie or one of another run is no session', () => {
    const t = testDeps();
    const { token } = createSession(TEST_RUN, 'alice', t.deps);
    expect(currentSession(undefined, TEST_RUN, t.deps)).toBeUndefined();
    expect(currentSession('unknown', TEST_RUN, t.deps)).toBeUndefined();
    expect(currentSession(token, 'other-run-bbbbbbbbbbbbbbbbbbbb', t.deps)).toBeUndefined();
  });
});
