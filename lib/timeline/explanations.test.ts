import { describe, expect, it } from 'vitest';
import { explainEvent, verificationWay } from './explain-event';
import { EXPLANATIONS, explanationFor } from './explanations';

describe('event explanations: the three questions where they arise', () => {
  it('tells how the resource server knew the token was valid: locally by signature (RFC 9068 §4)', () => {
    const e = explainEvent({
      type: 'access_token.verified',
      checks: [
        { name: 'verification method', passed: true, reason: 'local JWT verification' },
        { name: 'signature', passed: true, reason: 'the signature verifies with that key' },
      ],
    });
    expect(e.question).toBe('valid');
    expect(e.text).toContain('with no call to the authorization server');
    expect(e.sections[0]).toEqual({ label: 'RFC 9068 §4', href: 'https://www.rfc-editor.org/rfc/rfc9068#section-4' });
  });

  it('or by asking the authorization server (RFC 7662 §2.2)', () => {
    const e = explainEvent({ type: 'access_token.verified', checks: [{ name: 'active', passed: true, reason: 'active: true' }] });
    expect(e.text).toContain('POST /as/introspect');
    expect(e.sections[0]?.label).toBe('RFC 7662 §2.2');
  });

  it('keeps the general text for a rejection and adds which way was used', () => {
    const e = explainEvent({ type: 'access_token.rejected', checks: [{ name: 'signature', passed: false, reason: 'bad signature' }] });
    expect(e.text).toMatch(/^A failed check .* This time the resource server checked the JWT itself/);
  });

  it('says where the scope came from (consent) and how it met the role and rules (policy)', () => {
    expect(explainEvent({ type: 'consent.granted' }).question).toBe('scope');
    expect(explainEvent({ type: 'policy.denied' }).question).toBe('permissions');
    expect(explainEvent({ type: 'policy.denied' }).sections.map((s) => s.label)).toContain('RFC 6750 §3.1');
  });

  it('gives an event type without an explanation a plain fallback', () => {
    expect(explanationFor('something.new')).toEqual({ title: 'something.new', text: 'An event on the timeline.', sections: [] });
    expect(verificationWay(undefined)).toBeUndefined();
    expect(Object.keys(EXPLANATIONS).length).toBeGreaterThan(25);
  });

  it('a denial by the scope check answers question 2, a denial by a rule question 3', () => {
    const scope = explainEvent({
      type: 'policy.denied',
      checks: [{ name: 'scope', passed: false, reason: 'create needs notes:write; the token grants only notes:read' }],
    });
    expect([scope.title, scope.question]).toEqual(['Refused: the token lacks a scope', 'scope']);
    expect(scope.text).toContain('insufficient_scope');
    const rule = explainEvent({
      type: 'policy.denied',
      checks: [
        { name: 'scope', passed: true, reason: 'update needs notes:write' },
        { name: 'role', passed: false, reason: 'bob is a viewer' },
      ],
    });
    expect(rule.question).toBe('permissions');
    expect(rule.text).toContain('more scope would not help');
  });
});

