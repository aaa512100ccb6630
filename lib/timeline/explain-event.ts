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
  if (event.type !== 'access_token.verified' && event.type !== 'access_token.rejected') return base;
  const way = verificationWay(event.checks);
  if (!way) return base;
  return {
    ...base,
    text: event.type === 'access_token.verified' ? WAY_TEXT[way] : `${base.text} ${WAY_TEXT[way]}`,
    sections: way === 'local' ? [rfc(9068, '4'), rfc(7517, '4.5')] : [rfc(7662, '2.2'), rfc(7662, '4')],
  };
}
