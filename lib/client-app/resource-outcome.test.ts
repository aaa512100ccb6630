import { describe, expect, it } from 'vitest';
import { classifyResourceAnswer, outcomeName, ruleOf } from './resource-outcome';

const answer = (status: number, headers: Record<string, string> = {}, body = '') => ({ status, headers: new Headers(headers), body });

describe('RFC 6750 §3.1 and RFC 9457: what a Notes API answer means to the client', () => {
  it('2xx is ok', () => {
    expect(classifyResourceAnswer(answer(201, {}, '{"id":"n1"}'))).toEqual({ kind: 'ok', status: 201 });
  });

  it('§3.1 403 insufficient_scope names the missing scope from the challenge', () => {
    const o = classifyResourceAnswer(
      answer(403, { 'WWW-Authenticate': 'Bearer realm="notes-api", error="insufficient_scope", error_description="needs notes:write", scope="notes:write"' }),
    );
    expect(o).toEqual({ kind: 'insufficient_scope', status: 403, missingScope: 'notes:write', description: 'needs notes:write' });
  });

  it('RFC 9457 a 403 problem body is a policy refusal, with the rule it names', () => {
    const body = JSON.stringify({ type: 'about:blank', title: 'Forbidden by policy', status: 403, detail: 'bob is a viewer', rule: 'role:viewer-reads-only' });
    const o = classifyResourceAnswer(answer(403, { 'Content-Type': 'application/problem+json' }, body));
    expect(o).toEqual({ kind: 'policy', status: 403, title: 'Forbidden by policy', detail: 'bob is a viewer', rule: 'role:viewer-reads-only' });
  });

  it('RFC 9457 the rule is the string member `rule` the Notes API sends; no rule, none', () => {
    expect(ruleOf({ rule: 'archived-read-only', title: 'Forbidden by policy' })).toBe('archived-read-only');
    expect(ruleOf({ title: 'x' })).toBeUndefined();
    expect(ruleOf({ rule: '' })).toBeUndefined();
  });

  it('§3.1 401 invalid_token keeps the error_description (the client refreshes on it)', () => {
    const o = classifyResourceAnswer(answer(401, { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="the token has expired"' }));
    expect(o).toEqual({ kind: 'invalid_token', status: 401, description: 'the token has expired' });
  });

  it('404 and other statuses carry the problem detail; a body that is not JSON still gives a message', () => {
    expect(classifyResourceAnswer(answer(404, {}, '{"title":"Not found","detail":"no note n9"}'))).toEqual({
      kind: 'not_found',
      status: 404,
      detail: 'no note n9',
    });
    expect(classifyResourceAnswer(answer(502, {}, '<html>bad gateway</html>'))).toEqual({ kind: 'error', status: 502, detail: 'HTTP 502' });
  });
});

describe("RFC 6750 §3.1 an outcome's name in a summary line", () => {
  it('keeps the error codes exactly as the RFC spells them, with their underscores', () => {
    expect(outcomeName({ kind: 'insufficient_scope', status: 403, missingScope: 'notes:write' })).toBe('insufficient_scope');
    expect(outcomeName({ kind: 'invalid_token', status: 401 })).toBe('invalid_token');
  });

  it('says the rest in plain words', () => {
    expect(outcomeName({ kind: 'ok', status: 200 })).toBe('ok');
    expect(outcomeName({ kind: 'policy', status: 403, title: 'Refused by the Notes API policy', rule: 'role-viewer' })).toBe('refused by the policy');
    expect(outcomeName({ kind: 'not_found', status: 404 })).toBe('not found');
    expect(outcomeName({ kind: 'error', status: 500, detail: 'x' })).toBe('error');
  });
});
