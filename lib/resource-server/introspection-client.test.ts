import { describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/runs/clock';
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

describe('RFC 7662 §2.1 the introspection request, and what the RS makes of the answer', () => {
  function recording(answer: () => Response | Promise<Response>) {
    const calls: { url: string; init: RequestInit }[] = [];
    const recorder = collectingRecorder();
    const d: IntrospectionDeps = {
      ...deps(live),
      recorder,
      fetch: async (url, init) => {
        calls.push({ url: String(url), init: init ?? {} });
        return answer();
      },
    };
    return { d, calls, recorder };
  }

  it('§2.1 POSTs the token as a form, hinted access_token, authenticated with client_secret_basic (RFC 6749 §2.3.1)', async () => {
    const { d, calls } = recording(() => Response.json({ ...live, token_type: 'Bearer' }));
    await introspectAccessToken('tok en', d);
    expect(calls).toHaveLength(1);
    const { url, init } = calls[0]!;
    expect(url).toBe('http://localhost:3000/as/introspect');
    expect(init.method).toBe('POST');
    const headers = new Headers(init.headers);
    expect(headers.get('authorization')).toBe(`Basic ${Buffer.from('notes-api:notes-api-secret').toString('base64')}`);
    expect(headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(headers.get('accept')).toBe('application/json');
    expect(Object.fromEntries(new URLSearchParams(String(init.body)))).toEqual({ token: 'tok en', token_type_hint: 'access_token' });
  });

  it('§2.2 an active answer gives the principal: its scope split on spaces, aud, exp, the run, and how it was verified', async () => {
    const { d } = recording(() => Response.json({ ...live, scope: 'notes:read openid', aud: [RS, 'https://other'], token_type: 'Bearer', sandbox_run: 'run-1' }));
    const v = await introspectAccessToken('t', d);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.principal).toEqual({
      sub: 'alice',
      clientId: 'cli',
      scopes: ['notes:read', 'openid'],
      audience: [RS, 'https://other'],
      exp: NOW + 300,
      runId: 'run-1',
      via: 'introspection',
    });
    expect(v.checks.map((c) => [c.name, c.passed])).toEqual([
      ['introspection request', true],
      ['active', true],
      ['token_type', true],
      ['required claims', true],
      ['aud', true],
      ['exp', true],
    ]);
  });

  it('records introspection.answered travelling from the authorization server to the resource server', async () => {
    const { d, recorder } = recording(() => Response.json({ ...live, token_type: 'Bearer' }));
    await introspectAccessToken('t', d);
    expect(recorder.events).toHaveLength(1);
    expect(recorder.events[0]).toMatchObject({ type: 'introspection.answered', from: 'auth-server', to: 'resource-server', outcome: 'ok' });
    const inactive = recording(() => Response.json({ active: false }));
    await introspectAccessToken('t', inactive.d);
    expect(inactive.recorder.events[0]).toMatchObject({ type: 'introspection.answered', outcome: 'denied' });
  });

  it('§2.2 active:false is 401 invalid_token (unknown, expired or revoked)', async () => {
    const { d } = recording(() => Response.json({ active: false }));
    const v = await introspectAccessToken('t', d);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect([v.error.code, v.error.status]).toEqual(['invalid_token', 401]);
    expect(v.checks.map((c) => [c.name, c.passed])).toEqual([
      ['introspection request', true],
      ['active', false],
    ]);
  });

  it.each([
    ['an answer that is not 200', () => Response.json({ ...live, token_type: 'Bearer' }, { status: 500 })],
    ['a JSON array', () => Response.json([live])],
    ['JSON null', () => Response.json(null)],
    ['an active that is not a boolean', () => Response.json({ ...live, active: 'true' })],
    ['a body that is not JSON', () => new Response('<html>', { status: 200 })],
    ['a network failure', () => Promise.reject(new TypeError('fetch failed'))],
  ])('§2.2 %s is not the token\'s fault: 503 temporarily_unavailable, never invalid_token', async (_, answer) => {
    const { d, recorder } = recording(answer);
    const v = await introspectAccessToken('t', d);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect([v.error.code, v.error.status]).toEqual(['temporarily_unavailable', 503]);
    expect(v.checks.map((c) => [c.name, c.passed])).toEqual([['introspection request', false]]);
    expect(recorder.events[0]).toMatchObject({ type: 'introspection.answered', outcome: 'error' });
  });

  it('RFC 9700 §2.3 refuses an active token whose aud does not name this resource, or has none', async () => {
    for (const aud of ['https://other.example/api', undefined]) {
      const { d } = recording(() => Response.json({ ...live, aud, token_type: 'Bearer' }));
      const v = await introspectAccessToken('t', d);
      expect(v.ok).toBe(false);
      if (v.ok) continue;
      expect(v.error.code).toBe('invalid_token');
      expect(v.checks.at(-1)).toMatchObject({ name: 'aud', passed: false });
    }
  });

  it('RFC 7519 §4.1.4 exp (now must be before it) against the run\'s clock with the 30 s leeway: refused at exp = now - 30, live at now - 29', async () => {
    const at = async (exp: number) => (await introspectAccessToken('t', recording(() => Response.json({ ...live, exp, token_type: 'Bearer' })).d)).ok;
    expect(await at(NOW - 30)).toBe(false);
    expect(await at(NOW - 29)).toBe(true);
  });
});

describe('RFC 7662 §2.2 sub and client_id are strings, scope a space-separated string', () => {
  it.each([
    ['sub missing', { sub: undefined }],
    ['sub empty', { sub: '' }],
    ['sub a number', { sub: 42 }],
    ['client_id missing', { client_id: undefined }],
    ['client_id empty', { client_id: '' }],
    ['client_id an array', { client_id: ['cli'] }],
    ['scope an array', { scope: ['notes:read'] }],
  ])('%s: 401 invalid_token at the required claims check', async (_, change) => {
    const v = await introspectAccessToken('t', deps({ ...live, token_type: 'Bearer', ...change }));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect([v.error.code, v.error.status]).toEqual(['invalid_token', 401]);
    expect(v.checks.at(-1)).toMatchObject({ name: 'required claims', passed: false });
  });

  it('an answer without scope is a token with no scope, not a malformed one', async () => {
    const v = await introspectAccessToken('t', deps({ ...live, token_type: 'Bearer', scope: undefined }));
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.principal.scopes).toEqual([]);
  });
});
