import type { EventType } from './events';

export interface Explanation {
  title: string;
  /** What just happened and why, in two or three sentences. */
  text: string;
  /** Which of DESIGN.md's three questions this event answers, if any. */
  question?: 'valid' | 'scope' | 'permissions';
  sections: { label: string; href: string }[];
}

export const QUESTIONS: Record<NonNullable<Explanation['question']>, string> = {
  valid: 'How does the resource server know a token is valid?',
  scope: 'How does it know the token’s scope, and refuse what was not granted?',
  permissions: 'How do scopes map to app-specific permissions?',
};

export const rfc = (n: number, section: string) => ({
  label: `RFC ${n} §${section}`,
  href: `https://www.rfc-editor.org/rfc/rfc${n}#section-${section}`,
});

/** Partial: a party may add an event type before its explanation is written; it then gets a plain fallback. */
export const EXPLANATIONS: Partial<Record<EventType, Explanation>> = {
  'authorization_request.received': {
    title: 'The authorization request arrived',
    text: 'The browser was redirected by the client to the authorization endpoint with client_id, redirect_uri, scope, state and a PKCE code_challenge. The authorization server checks the client and the exact redirect URI first: only then may it redirect errors back.',
    sections: [rfc(6749, '4.1.1'), rfc(7636, '4.3')],
  },
  'authorization_request.rejected': {
    title: 'The authorization request was refused',
    text: 'A bad client_id or redirect_uri gets an error page and never a redirect (no open redirector). Other errors go back to the client with error, state and iss.',
    sections: [rfc(6749, '4.1.2.1'), rfc(9207, '2')],
  },
  'user.signed_in': {
    title: 'The user signed in at the authorization server',
    text: 'The user proves who they are to the authorization server only; the client never sees the password.',
    sections: [rfc(6749, '4.1')],
  },
  'user.signed_out': {
    title: 'The user signed out of the authorization server',
    text: 'The authorization server forgets its own sign-in (its session cookie). Tokens already issued to clients stay valid until they expire or are revoked: signing out here is not revoking.',
    sections: [rfc(6749, '4.1')],
  },
  'consent.shown': {
    title: 'The consent page asked the user',
    text: 'The user sees which scopes the client asks for and may grant fewer. This is where the token’s scope comes from.',
    question: 'scope',
    sections: [rfc(6749, '3.3')],
  },
  'consent.granted': {
    title: 'The user granted scopes',
    text: 'The scopes granted here are the client’s delegation, recorded in the grant and copied into every token issued for it. Granting read-only means a later write will be refused by the resource server.',
    question: 'scope',
    sections: [rfc(6749, '3.3'), rfc(6749, '4.1.2')],
  },
  'consent.reused': {
    title: 'An earlier consent was reused',
    text: 'The user already granted these scopes to this client, so the authorization server did not ask again.',
    question: 'scope',
    sections: [rfc(6749, '3.3')],
  },
  'consent.denied': {
    title: 'The user denied the request',
    text: 'The client is sent back error=access_denied with its state and the issuer.',
    sections: [rfc(6749, '4.1.2.1')],
  },
  'authorization_code.issued': {
    title: 'An authorization code went back through the browser',
    text: 'The code is short-lived and single-use, bound to the client, the redirect URI and the PKCE challenge. It travels through the browser, so it is worthless without the code_verifier.',
    sections: [rfc(6749, '4.1.2'), rfc(9207, '2')],
  },
  'authorization_code.replayed': {
    title: 'A code was used twice',
    text: 'A second use of a code is refused and the tokens issued from it are revoked: someone else may hold the code.',
    sections: [rfc(6749, '4.1.2'), rfc(9700, '4.2.4')],
  },
  'client_authentication.succeeded': {
    title: 'The client authenticated at the token endpoint',
    text: 'A confidential client proves its identity with its secret (HTTP Basic); a public client has none and relies on PKCE.',
    sections: [rfc(6749, '2.3.1')],
  },
  'token_request.rejected': {
    title: 'The token request was refused',
    text: 'The token endpoint answers a JSON error (invalid_grant, invalid_client, ...) with Cache-Control: no-store.',
    sections: [rfc(6749, '5.2')],
  },
  'token.issued': {
    title: 'Tokens were issued',
    text: 'The back-channel token response carries the access token. As a JWT it holds the granted scope, audience and expiry, signed with the authorization server’s key; as an opaque string it means nothing without introspection.',
    question: 'scope',
    sections: [rfc(6749, '5.1'), rfc(9068, '2.2')],
  },
  'token.refreshed': {
    title: 'A refresh token was exchanged',
    text: 'The client got a new access token without the user; the refresh token rotates and the scope may only shrink.',
    sections: [rfc(6749, '6'), rfc(9700, '4.14.2')],
  },
  'token.revoked': {
    title: 'A token was revoked',
    text: 'Introspection answers active:false from now on. A resource server that verifies JWTs locally does not know until the token expires: that is the trade-off of local verification.',
    question: 'valid',
    sections: [rfc(7009, '2.1')],
  },
  'refresh_token.replayed': {
    title: 'An old refresh token was replayed',
    text: 'A rotated refresh token used again means it leaked: the whole grant is revoked.',
    sections: [rfc(9700, '4.14.2')],
  },
  'introspection.answered': {
    title: 'The authorization server answered an introspection',
    text: 'The resource server asked the authorization server over the back channel whether the token is active, and got its scope, client, subject and expiry. One call per request, but a revoked token is refused at once.',
    question: 'valid',
    sections: [rfc(7662, '2.2')],
  },
  'userinfo.answered': {
    title: 'The userinfo endpoint answered',
    text: 'With the openid scope the client may ask who the user is.',
    sections: [{ label: 'OpenID Connect Core §5.3', href: 'https://openid.net/specs/openid-connect-core-1_0.html#UserInfo' }],
  },
  'signing_key.rotated': {
    title: 'The signing key was rotated',
    text: 'New tokens are signed with a new key (new kid); each earlier key stays in the JWKS until the last token it signed has expired, so no token already issued stops verifying, however many rotations follow.',
    question: 'valid',
    sections: [rfc(7517, '5'), rfc(8414, '2')],
  },
  'resource_request.received': {
    title: 'The resource server received a request',
    text: 'The client sent the access token as a bearer token in the Authorization header.',
    sections: [rfc(6750, '2.1')],
  },
  'access_token.verified': {
    title: 'The resource server verified the access token',
    text: 'Locally: the JWT’s typ, issuer, audience, signature (against the authorization server’s published JWKS, by kid) and expiry were checked, with no call to the authorization server. Or by introspection: the authorization server said active:true. The scope comes from the token or the introspection answer.',
    question: 'valid',
    sections: [rfc(9068, '4'), rfc(7662, '2.2')],
  },
  'access_token.rejected': {
    title: 'The resource server refused the access token',
    text: 'A failed check (expired, wrong audience, bad signature, inactive) gives 401 with WWW-Authenticate: Bearer error="invalid_token". The checklist shows which check failed.',
    question: 'valid',
    sections: [rfc(6750, '3.1'), rfc(9068, '4')],
  },
  'policy.allowed': {
    title: 'The policy allowed the request',
    text: 'Scope ∩ role ∩ the note ∩ the run’s rules: the token holds a scope the action needs (the client’s delegation), the user’s role allows the action (the user’s rights), the note’s own conditions (owner, sharing, archived, public) allow it, and none of the run’s own rules refuses it. Each check names the fact that decided it.',
    question: 'permissions',
    sections: [rfc(6750, '3.1'), rfc(6749, '3.3')],
  },
  'policy.denied': {
    title: 'The policy denied the request',
    text: 'The checks stop at the first step that refuses, and it names the one fact that decided. A missing scope gives 403 insufficient_scope with the scope needed: the user may act, but did not let this client. The role, the note’s own conditions or a rule of the run give 403 too, whatever scope the client holds: scopes never add rights the user lacks.',
    question: 'permissions',
    sections: [rfc(6750, '3.1'), rfc(6749, '3.3')],
  },
  'resource.answered': {
    title: 'The resource server answered',
    text: 'The API response went back to the client.',
    sections: [rfc(6750, '2.1')],
  },
  'client.sign_in_started': {
    title: 'The client started signing in',
    text: 'The client made a state, a PKCE code_verifier and its S256 challenge, and redirected the browser to the authorization endpoint.',
    sections: [rfc(6749, '4.1.1'), rfc(7636, '4.1')],
  },
  'client.callback_received': {
    title: 'The browser came back to the client with a code',
    text: 'The client checks state and iss before it uses the code.',
    sections: [rfc(6749, '4.1.2'), rfc(9207, '2.4')],
  },
  'client.tokens_received': {
    title: 'The client received tokens',
    text: 'The client keeps the tokens on its server side; the browser only has a session cookie.',
    sections: [rfc(6749, '5.1')],
  },
  'client.resource_called': {
    title: 'The client called the resource server',
    text: 'The client presents the access token; it cannot know whether the call is allowed until the resource server decides.',
    sections: [rfc(6750, '2.1')],
  },
  'client.token_refreshed': {
    title: 'The client refreshed its access token',
    text: 'The client used its refresh token at the token endpoint to get a fresh access token without asking the user again.',
    sections: [rfc(6749, '6')],
  },
  'client.token_revoked': {
    title: 'The client revoked a token',
    text: 'The client told the authorization server it no longer needs the token; introspection answers active:false from now on.',
    sections: [rfc(7009, '2.1')],
  },
  'client.signed_out': {
    title: 'The user signed out of the client',
    text: 'The client forgot its tokens.',
    sections: [rfc(7009, '2')],
  },
  'run.settings_changed': {
    title: 'The run’s settings changed',
    text: 'Token format, verification mode, lifetimes or the run’s clock changed. New requests use the new settings.',
    sections: [rfc(9068, '1'), rfc(7662, '1')],
  },
  'run.policy_changed': {
    title: 'The run’s scopes and rules changed',
    text: 'The authorization server now offers the scopes listed (with their meanings, shown at consent), and the Notes API now asks the scopes and applies the rules listed. Tokens already issued keep the scopes they carry; what those scopes allow is the Notes API’s new policy.',
    question: 'permissions',
    sections: [rfc(6749, '3.3'), rfc(6750, '3.1')],
  },
  'run.reset': {
    title: 'The run was reset',
    text: 'Every code, token, consent and event of this run was deleted; the run starts clean.',
    sections: [],
  },
  'client.registered': {
    title: 'A client registered itself',
    text: 'A client sent its metadata (redirect URIs, grant types, how it authenticates) to the registration endpoint and got a client_id, and a client_secret if it is confidential. Registration is open in the sandbox; the client belongs to this run.',
    sections: [rfc(7591, '3.1'), rfc(7591, '3.2.1')],
  },
  'client_registration.rejected': {
    title: 'A client registration was refused',
    text: 'The metadata broke a rule: a redirect URI that is not https, a loopback IP literal or the sandbox itself; grant types and response types that disagree; an unknown scope. The answer names the field to fix.',
    sections: [rfc(7591, '2'), rfc(7591, '3.2.2')],
  },
  'scenario.step_played': {
    title: 'The sandbox played the browser',
    text: 'A scenario was played: the sandbox made the requests your browser would make for this step (same forms, same cookies), so what follows is what the parties really did.',
    sections: [],
  },
  'run.failures_changed': {
    title: 'Failures on demand were planned',
    text: 'The run’s owner asked the sandbox to make the next answers of an endpoint fail on purpose (an error, a 500, a delay, an unreachable key set), to test how a client copes. Nothing is wrong with the servers.',
    sections: [rfc(6749, '5.2'), rfc(6750, '3')],
  },
  'failure.injected': {
    title: 'A failure injected on purpose',
    text: 'The sandbox, not a fault, made this answer fail (or wait) because the run’s owner planned it. The answer still has the shape a real failure has (RFC 6749 §5.2 JSON, an RFC 6750 §3 challenge, a 503), and its body says it was injected.',
    sections: [rfc(6749, '5.2'), rfc(6750, '3.1')],
  },
  'client_id_document.fetched': {
    title: 'The authorization server read a client ID metadata document',
    text: 'The client_id was a URL, so the authorization server fetched the document there (no redirects, a short timeout, a size limit), checked that its client_id is that URL, and took its redirect URIs from it; or it used the copy it fetched moments ago. Everything in the document is self-asserted by the client.',
    sections: [{ label: 'Client ID metadata document §4', href: 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-client-id-metadata-document#section-4' }],
  },
  'agent.discovered': {
    title: 'Notes Agent discovered a step of the chain',
    text: 'Notes Agent knew only the Notes API’s URL. The 401 named the protected resource metadata, which named the authorization server, whose metadata named its endpoints; then the agent named itself by its client ID metadata document (or registered). Each document it read is here.',
    sections: [rfc(9728, '5.1'), rfc(9728, '3'), rfc(8414, '3'), rfc(7591, '3.1')],
  },
  'agent.scope_stepped_up': {
    title: 'Notes Agent asked for the scope the challenge named',
    text: 'The Notes API refused with 403 insufficient_scope and named the scope the request needs. The agent asks the user for exactly that scope, no more, and tries again with the new token.',
    question: 'scope',
    sections: [rfc(6750, '3.1')],
  },
  'attack.sent': {
    title: 'The attack panel sent a request',
    text: 'An attacker, not a party, sent this request from the attack panel. What follows shows whether the party it reached saw through it.',
    sections: [rfc(9700, '4')],
  },
};

/** The explanation of an event type, or a plain fallback for a type added later. */
export function explanationFor(type: string): Explanation {
  return (EXPLANATIONS as Record<string, Explanation | undefined>)[type] ?? { title: type, text: 'An event on the timeline.', sections: [] };
}

/** The anchor of an event type on the explanations page. */
export function explanationAnchor(type: string): string {
  return type.replace(/[^a-z0-9]+/gi, '-');
}

