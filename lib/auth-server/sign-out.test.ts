import { describe, expect, it } from 'vitest';
import { findSession } from '@/lib/store/sessions';
import { createSession } from './sessions';
import { signOutAtAuthorizationServer } from './sign-out';
import { tokenHash } from './token-hash';
import { TEST_RUN, testDeps } from './test-support';

/**
 * The authorization server's own sign-out (POST /as/sign-out), without HTTP:
 * the sign-in the `as_session` cookie names is forgotten, whatever it is, and
 * only a live sign-in of the run ends with `user.signed_out` on its timeline.
 */

const OTHER_RUN = 'sign-out-run-bbbbbbbbbbbbbbb';
/** The sandbox's sign-in lasts 8 hours (sessions.ts SESSION_TTL), by the run's clock. */
const EIGHT_HOURS = 8 * 60 * 60;

describe('sign-out at the authorization server', () => {
  it('a live sign-in of the run ends: the session is gone, the user is named, user.signed_out goes on the run’s timeline', () => {
    const t = testDeps();
    const { token } = createSession(TEST_RUN, 'alice', t.deps);
    expect(signOutAtAuthorizationServer({ sessionToken: token, runId: TEST_RUN }, t.deps)).toEqual({ signedOut: 'alice' });
    expect(findSession(t.db, tokenHash(token))).toBeUndefined();
    expect(t.recorder.runId).toBe(TEST_RUN);
    expect(t.recorder.events).toHaveLength(1);
    expect(t.recorder.events[0]).toMatchObject({ from: 'browser', to: 'auth-server', type: 'user.signed_out', outcome: 'ok', data: { user: 'alice' } });
  });

  it('whatever the cookie names is forgotten, even a sign-in of another run, an expired one, or with no run: nobody is named, nothing is recorded', () => {
    const t = testDeps();
    const foreign = createSession(OTHER_RUN, 'bob', t.deps).token;
    const expired = createSession(TEST_RUN, 'carol', t.deps).token;
    t.clock.advance(EIGHT_HOURS);
    // Live, but the request names no run.
    const runless = createSession(TEST_RUN, 'dave', t.deps).token;
    const cases: [string, string | undefined][] = [
      [foreign, TEST_RUN],
      [expired, TEST_RUN],
      [runless, undefined],
    ];
    for (const [sessionToken, runId] of cases) {
      expect(signOutAtAuthorizationServer({ sessionToken, runId }, t.deps)).toEqual({});
      expect(findSession(t.db, tokenHash(sessionToken))).toBeUndefined();
    }
    expect(t.recorder.events).toEqual([]);
  });

  it('without a cookie there is nothing to sign out: no session ends, nothing is recorded', () => {
    const t = testDeps();
    const { token } = createSession(TEST_RUN, 'alice', t.deps);
    for (const sessionToken of [undefined, '']) {
      expect(signOutAtAuthorizationServer({ sessionToken, runId: TEST_RUN }, t.deps)).toEqual({});
    }
    expect(findSession(t.db, tokenHash(token))?.userId).toBe('alice');
    expect(t.recorder.events).toEqual([]);
  });

  it('ends only the sign-in the cookie names: another sign-in of the same run stays', () => {
    const t = testDeps();
    const first = createSession(TEST_RUN, 'alice', t.deps).token;
    const second = createSession(TEST_RUN, 'bob', t.deps).token;
    expect(signOutAtAuthorizationServer({ sessionToken: first, runId: TEST_RUN }, t.deps)).toEqual({ signedOut: 'alice' });
    expect(findSession(t.db, tokenHash(second))?.userId).toBe('bob');
  });
});
