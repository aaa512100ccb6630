import { describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/timeline/clock';
import { collectingRecorder } from '@/lib/timeline/recorder';
import { introspectAccessToken, type IntrospectionDeps } from './introspection-client';

const NOW = 1_800_000_000;
const RS = 'http://localhost:3000/rs';

function deps(answer: Record<string, unknown>): IntrospectionDeps {
  return {
    endpoint: 'http://localhost:3000/as/introspect',
    clientId: 'notes-api',
    clientSecret: 'notes-api-secret',
    resource: RS,
    fetch: async () => Response.json(answer),
    clockFor: () => fixedClock(NOW),
    recorder: collectingRecorder(),
  };
}

const live = { active: true, scope: 'notes:read', client_id: 'cli', sub: 'alice', aud: RS, exp: NOW + 300, iat: NOW, iss: 'http://localhost:3000/as' };

describe('RFC 7662 §2.2 the RS trusts an introspection answer only for an access token', () => {
  it('accepts an active Bearer access token for this resource', async () => {
    const v = await introspectAccessToken('t', deps({ ...live, token_type: 'Bearer' }));
    expect(v.ok).toBe(true);
    expect(v.checks.map((c) => [c.name, c.passed])).toContainEqual(['token_type', true]);
  });

  it('accepts token_type bearer in any case (RFC 6749 §5.1: case-insensitive), and an answer without token_type', async () => {
    expect((await introspectAccessToken('t', deps({ ...live, token_type: 'bearer' }))).ok).toBe(true);
    expect((await introspectAccessToken('t', deps(live))).ok).toBe(true);
  });

  it.each(['refresh_token', 'N_A', 'DPoP', 'urn:ietf:params:oauth:token-type:id_token'])(
    'refuses an active answer whose token_type is %s with 401 invalid_token, even when it carries aud',
    async (tokenType) => {
      const v = await introspectAccessToken('t', deps({ ...live, token_type: tokenType }));
      expect(v.ok).toBe(false);
      if (v.ok) return;
      expect([v.error.code, v.error.status]).toEqual(['invalid_token', 401]);
      expect(v.error.description).toBe(`the token is a ${tokenType}, not a Bearer access token (RFC 7662 section 2.2 token_type)`);
      expect(v.checks.at(-1)).toEqual({ name: 'token_type', passed: false, reason: v.error.description });
    },
  );

  it('refuses a malformed token_type (not a string)', async () => {
    const v = await introspectAccessToken('t', deps({ ...live, token_type: 7 }));
    expect(v.ok).toBe(false);
  });
});

/** The verdict is a 401 invalid_token refused at `check`, whose reason is `reason`, every earlier check passed. */
function expectRefusedAt(v: Awaited<ReturnType<typeof introspectAccessToken>>, check: string, reason: string) {
  expect(v.ok).toBe(false);
  if (v.ok) return;
  expect([v.error.code, v.error.status, v.error.description]).toEqual(['invalid_token', 401, reason]);
  expect(v.checks.at(-1)).toEqual({ name: check, passed: false, reason });
  expect(v.checks.slice(0, -1).every((c) => c.passed)).toBe(true);
}

describe('RFC 7662 §2.2 the members of an active answer the RS relies on', () => {
  const malformed = 'the answer lacks sub or client_id, or has a malformed scope';

  // §2.2: sub, client_id and scope are strings (scope space-delimited, RFC 6749 §3.3).
  it.each([
    ['sub missing', { sub: undefined }],
    ['sub a number', { sub: 42 }],
    ['sub empty', { sub: '' }],
    ['client_id missing', { client_id: undefined }],
    ['client_id an array', { client_id: ['cli'] }],
    ['client_id empty', { client_id: '' }],
    ['scope an array', { scope: ['notes:read'] }],
    ['scope a number', { scope: 1 }],
  ])('refuses an answer with %s', async (_name, change) => {
    expectRefusedAt(await introspectAccessToken('t', deps({ ...live, ...change })), 'required claims', malformed);
  });

  it('takes an answer without scope as a token with no scopes', async () => {
    const { scope: _omit, ...noScope } = live;
    const v = await introspectAccessToken('t', deps(noScope));
    expect(v.ok && v.principal.scopes).toEqual([]);
  });

  it('§2.2 exp: refuses an answer without a numeric exp, or whose exp passed more than the leeway ago by the run’s clock', async () => {
    const { exp: _omit, ...noExp } = live;
    expectRefusedAt(await introspectAccessToken('t', deps(noExp)), 'exp', 'the answer has no numeric exp');
    expectRefusedAt(await introspectAccessToken('t', deps({ ...live, exp: String(NOW + 300) })), 'exp', 'the answer has no numeric exp');
    // The RS states a 30 s leeway for clocks (RFC 7519 §4.1.4 "some small leeway"): exp 31 s ago is expired, 29 s ago not.
    expectRefusedAt(await introspectAccessToken('t', deps({ ...live, exp: NOW - 31 })), 'exp', `the token expired at ${NOW - 31}; the run's clock says ${NOW}`);
    const justInside = await introspectAccessToken('t', deps({ ...live, exp: NOW - 29 }));
    expect(justInside.ok && justInside.principal).toMatchObject({ sub: 'alice', clientId: 'cli', exp: NOW - 29, via: 'introspection' });
  });
});
