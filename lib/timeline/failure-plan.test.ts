import { describe, expect, it } from 'vitest';
import { describeFailure, parseFailurePlan } from './failure-plan';

describe('failures on demand: the plan', () => {
  it('takes a kind of its endpoint, a count, and a delay only for delay', () => {
    expect(parseFailurePlan({ endpoint: 'token', kind: 'invalid_grant', count: 3 })).toEqual({ ok: true, plan: { endpoint: 'token', kind: 'invalid_grant', remaining: 3 } });
    expect(parseFailurePlan({ endpoint: 'jwks', kind: 'delay', count: 1, delayMs: 10_000 })).toEqual({ ok: true, plan: { endpoint: 'jwks', kind: 'delay', remaining: 1, delayMs: 10_000 } });
    expect(parseFailurePlan({ endpoint: 'userinfo', kind: 'invalid_token', count: 0 })).toMatchObject({ ok: true, plan: { remaining: 0 } });
  });

  it('refuses by field: an endpoint or kind it does not know, a count beyond 20, a delay beyond 10 s or on another kind', () => {
    expect(parseFailurePlan([])).toMatchObject({ ok: false, field: '(body)' });
    expect(parseFailurePlan({ endpoint: 'revoke', kind: 'refused', count: 1 })).toMatchObject({ ok: false, field: 'endpoint' });
    expect(parseFailurePlan({ endpoint: 'introspection', kind: 'delay', count: 1, delayMs: 5 })).toMatchObject({ ok: false, field: 'kind' });
    expect(parseFailurePlan({ endpoint: 'token', kind: 'server_error', count: 21 })).toMatchObject({ ok: false, field: 'count' });
    expect(parseFailurePlan({ endpoint: 'token', kind: 'server_error', count: -1 })).toMatchObject({ ok: false, field: 'count' });
    expect(parseFailurePlan({ endpoint: 'token', kind: 'delay', count: 1, delayMs: 0 })).toMatchObject({ ok: false, field: 'delayMs' });
    expect(parseFailurePlan({ endpoint: 'token', kind: 'delay', count: 1, delayMs: 10_001 })).toMatchObject({ ok: false, field: 'delayMs' });
    expect(parseFailurePlan({ endpoint: 'token', kind: 'server_error', count: 1, delayMs: 10 })).toMatchObject({ ok: false, field: 'delayMs' });
  });

  it('says what it does in words', () => {
    expect(describeFailure({ endpoint: 'token', kind: 'delay', delayMs: 250 })).toBe('the token endpoint answers after 250 ms');
    expect(describeFailure({ endpoint: 'jwks', kind: 'unreachable' })).toBe('the JWKS is unreachable (503)');
  });
});
