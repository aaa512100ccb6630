import { describe, expect, it } from 'vitest';
import { explainEvent, verificationWay } from './explain-event';
import type { EventType } from './events';
import { EXPLANATIONS, explanationFor, QUESTIONS, type Explanation } from './explanations';

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

/**
 * What each explanation must teach: the question it answers (if any), the
 * spec sections it cites (in order), and the protocol facts its text must
 * state, in the specs' own words. Written from the RFCs, not read back from
 * the code.
 */
const TAUGHT: [EventType, Explanation['question'], string[], string[]][] = [
  ['authorization_request.received', undefined, ['RFC 6749 §4.1.1', 'RFC 7636 §4.3'], ['code_challenge', 'exact redirect URI']],
  ['authorization_request.rejected', undefined, ['RFC 6749 §4.1.2.1', 'RFC 9207 §2'], ['never a redirect', 'state and iss']],
  ['user.signed_in', undefined, ['RFC 6749 §4.1'], ['never sees the password']],
  ['user.signed_out', undefined, ['RFC 6749 §4.1'], ['not revoking']],
  ['consent.shown', 'scope', ['RFC 6749 §3.3'], ['grant fewer']],
  ['consent.granted', 'scope', ['RFC 6749 §3.3', 'RFC 6749 §4.1.2'], ['delegation', 'refused by the resource server']],
  ['consent.reused', 'scope', ['RFC 6749 §3.3'], ['did not ask again']],
  ['consent.denied', undefined, ['RFC 6749 §4.1.2.1'], ['error=access_denied', 'state']],
  ['authorization_code.issued', undefined, ['RFC 6749 §4.1.2', 'RFC 9207 §2'], ['single-use', 'code_verifier']],
  ['authorization_code.replayed', undefined, ['RFC 6749 §4.1.2', 'RFC 9700 §4.2.4'], ['refused', 'revoked']],
  ['client_authentication.succeeded', undefined, ['RFC 6749 §2.3.1'], ['HTTP Basic', 'PKCE']],
  ['token_request.rejected', undefined, ['RFC 6749 §5.2'], ['invalid_grant', 'Cache-Control: no-store']],
  ['token.issued', 'scope', ['RFC 6749 §5.1', 'RFC 9068 §2.2'], ['scope, audience and expiry', 'introspection']],
  ['token.refreshed', undefined, ['RFC 6749 §6', 'RFC 9700 §4.14.2'], ['rotates', 'only shrink']],
  ['token.revoked', 'valid', ['RFC 7009 §2.1'], ['active:false', 'until the token expires']],
  ['refresh_token.replayed', undefined, ['RFC 9700 §4.14.2'], ['whole grant is revoked']],
  ['introspection.answered', 'valid', ['RFC 7662 §2.2'], ['whether the token is active', 'revoked token is refused at once']],
  ['userinfo.answered', undefined, ['OpenID Connect Core §5.3'], ['openid']],
  ['signing_key.rotated', 'valid', ['RFC 7517 §5', 'RFC 8414 §2'], ['kid', 'stays in the JWKS']],
  ['resource_request.received', undefined, ['RFC 6750 §2.1'], ['bearer token', 'Authorization header']],
  ['access_token.verified', 'valid', ['RFC 9068 §4', 'RFC 7662 §2.2'], ['no call to the authorization server', 'active:true']],
  ['access_token.rejected', 'valid', ['RFC 6750 §3.1', 'RFC 9068 §4'], ['401', 'error="invalid_token"']],
  ['policy.allowed', 'permissions', ['RFC 6750 §3.1', 'RFC 6749 §3.3'], ['scope', 'role']],
  ['policy.denied', 'permissions', ['RFC 6750 §3.1', 'RFC 6749 §3.3'], ['403 insufficient_scope', 'scopes never add rights']],
  ['resource.answered', undefined, ['RFC 6750 §2.1'], ['response']],
  ['client.sign_in_started', undefined, ['RFC 6749 §4.1.1', 'RFC 7636 §4.1'], ['state', 'code_verifier', 'S256']],
  ['client.callback_received', undefined, ['RFC 6749 §4.1.2', 'RFC 9207 §2.4'], ['state and iss']],
  ['client.tokens_received', undefined, ['RFC 6749 §5.1'], ['server side', 'session cookie']],
  ['client.resource_called', undefined, ['RFC 6750 §2.1'], ['access token']],
  ['client.token_refreshed', undefined, ['RFC 6749 §6'], ['refresh token', 'without asking the user']],
  ['client.token_revoked', undefined, ['RFC 7009 §2.1'], ['active:false']],
  ['client.signed_out', undefined, ['RFC 7009 §2'], ['forgot its tokens']],
  ['run.settings_changed', undefined, ['RFC 9068 §1', 'RFC 7662 §1'], ['Token format', 'New requests']],
  ['run.policy_changed', 'permissions', ['RFC 6749 §3.3', 'RFC 6750 §3.1'], ['Tokens already issued keep the scopes']],
  ['run.reset', undefined, [], ['deleted']],
  ['client.registered', undefined, ['RFC 7591 §3.1', 'RFC 7591 §3.2.1'], ['client_id', 'client_secret']],
  ['client_registration.rejected', undefined, ['RFC 7591 §2', 'RFC 7591 §3.2.2'], ['redirect URI', 'names the field']],
  ['scenario.step_played', undefined, [], ['your browser would make']],
  ['attack.sent', undefined, ['RFC 9700 §4'], ['attacker']],
];

describe('each explanation says what its event teaches', () => {
  it.each(TAUGHT)('%s answers question %s, cites %j and states %j', (type, question, labels, facts) => {
    const e = EXPLANATIONS[type];
    expect(e).toBeDefined();
    expect(e!.question).toBe(question);
    expect(e!.sections.map((s) => s.label)).toEqual(labels);
    for (const fact of facts) expect(e!.text).toContain(fact);
  });

  // Every entry, including ones added after this table: a real title, whole sentences, and links that go where their labels say.
  it.each(Object.entries(EXPLANATIONS))('%s has a title, sentences, and each cited section links to that section', (type, e) => {
    expect(e!.title).toMatch(/^[A-Z]/);
    expect(e!.title).not.toBe(type);
    expect(e!.text).toMatch(/^[A-Z].{20,}[.!?]$/s);
    if (e!.question !== undefined) expect(Object.keys(QUESTIONS)).toContain(e!.question);
    for (const { label, href } of e!.sections) {
      const rfcLabel = /^RFC (\d+) §([\d.]+)$/.exec(label);
      const draftLabel = /^Client ID metadata document §([\d.]+)$/.exec(label);
      if (rfcLabel) expect(href).toBe(`https://www.rfc-editor.org/rfc/rfc${rfcLabel[1]}#section-${rfcLabel[2]}`);
      else if (draftLabel) expect(href).toBe(`https://datatracker.ietf.org/doc/html/draft-ietf-oauth-client-id-metadata-document#section-${draftLabel[1]}`);
      else expect(`${label} ${href}`).toMatch(/^OpenID Connect Core §[\d.]+ https:\/\/openid\.net\/specs\/openid-connect-core-1_0\.html#\w+$/);
    }
  });
});
