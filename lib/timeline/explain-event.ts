import type { Check, TimelineEvent } from './events';
import { explanationFor, rfc, type Explanation } from './explanations';

/** Which way the resource server checked a token, read from the checks it recorded. */
export function verificationWay(checks: readonly Check[] | undefined): 'local' | 'introspection' | undefined {
  if (!checks) return undefined;
  const names = new Set(checks.map((c) => c.name));
  if (names.has('signature')) return 'local';
  if (names.has('introspection request') || names.has('active')) return 'introspection';
  const method = checks.find((c) => c.name === 'verification method')?.reason ?? '';
  if (method.startsWith('local')) return 'local';
  if (method.includes('introspection')) return 'introspection';
  return undefined;
}

const WAY_TEXT = {
  local:
    'This time the resource server checked the JWT itself, with no call to the authorization server: the algorithm, the key named by kid in the authorization server’s published JWKS, the signature, typ at+jwt, iss, aud and exp by the run’s clock. The scope it acts on is the token’s own scope claim. A token revoked at the authorization server still passes here until it expires.',
  introspection:
    'This time the resource server asked the authorization server over the back channel (POST /as/introspect, authenticated as notes-api) and acted on the answer: active, scope, client, subject, audience and expiry. One call per request, but a revoked token is refused at once.',
} as const;

/**
 * The explanation of one event. The verification step says how the resource
 * server knew this token was valid: locally (RFC 9068 §4) or by
 * introspection (RFC 7662 §2), as its checks show.
 */
export function explainEvent(event: Pick<TimelineEvent, 'type' | 'checks'>): Explanation {
  const base = explanationFor(event.type);
  if (event.type === 'policy.denied') return explainDenial(base, event.checks);
  if (event.type !== 'access_token.verified' && event.type !== 'access_token.rejected') return base;
  const way = verificationWay(event.checks);
  if (!way) return base;
  return {
    ...base,
    text: event.type === 'access_token.verified' ? WAY_TEXT[way] : `${base.text} ${WAY_TEXT[way]}`,
    sections: way === 'local' ? [rfc(9068, '4'), rfc(7517, '4.5')] : [rfc(7662, '2.2'), rfc(7662, '4')],
  };
}

/**
 * A denial answers question 2 when the scope check failed (more scope would
 * help: RFC 6750 §3.1 insufficient_scope names it), and question 3 when a
 * role or note rule failed (more scope would not help).
 */
function explainDenial(base: Explanation, checks: readonly Check[] | undefined): Explanation {
  const failed = checks?.find((c) => !c.passed);
  if (failed?.name === 'scope') {
    return {
      title: 'Refused: the token lacks a scope',
      text: 'The scope travels in the token (its scope claim, or the introspection answer), and it holds only what the user consented to. This action needs a scope the token does not carry, so the resource server answers 403 insufficient_scope and names the scope in WWW-Authenticate: the client may ask the user for it again.',
      question: 'scope',
      sections: [rfc(6750, '3.1'), rfc(6749, '3.3')],
    };
  }
  if (failed) {
    return {
      ...base,
      text: 'The token has the scope, but scopes are the client’s delegation, not the user’s rights: the Notes API also checks the user’s role and the note’s own rules (owner, sharing, archived). One of them refused, so the answer is 403 with a problem body naming the rule; more scope would not help.',
      question: 'permissions',
    };
  }
  return base;
}
