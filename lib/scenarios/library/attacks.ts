import type { AttackId, Expectation, Scenario, Step } from '../types';
import { ATTACKS } from '../attacks';
import { READ, signInSteps, WRITE } from './common';

const attack = (id: AttackId, narration: string, cite: string, expect: readonly Expectation[]): Step => ({
  does: `In the attack panel choose “${ATTACKS[id].title}” and press Send`,
  action: { do: 'attack', attack: id },
  narration,
  cite,
  expect: [{ type: 'attack.sent', from: 'attacker' }, ...expect],
});

/** The attacker's own request, drawn in the Attacker lane (not as Notes Assistant's), refused at the resource server. */
const refusedAtRs: readonly Expectation[] = [
  { type: 'resource_request.received', from: 'attacker' },
  { type: 'access_token.rejected', outcome: 'denied' },
  { type: 'resource.answered', status: 401, to: 'attacker' },
];

/** Attacks, sent from the attack panel at /attacks and recorded in the Attacker lane. */
export const ATTACK_SCENARIOS: readonly Scenario[] = [
  {
    id: 'forged-token',
    title: 'A forged token',
    question: 'attack',
    summary: 'Edit a read-only token’s payload to add notes:write: the signature no longer matches and the Notes API refuses it.',
    steps: [
      ...signInSteps('alice', 'read', READ),
      attack('forged-token', 'The attacker changes one claim and keeps the signature. The signature covers header and payload, so the resource server’s signature check fails: 401 invalid_token, and the scope claim is never read.', 'RFC 7515 §5.2, RFC 9068 §4', refusedAtRs),
    ],
  },
  {
    id: 'alg-none-and-confusion',
    title: 'alg none and algorithm confusion',
    question: 'attack',
    summary: 'A token that says alg none, then one HMAC-signed with the public key: both refused, because the verifier never lets the token choose its algorithm.',
    steps: [
      ...signInSteps('alice', 'read', READ),
      attack('alg-none', 'No signature at all: alg none. The resource server accepts only the asymmetric algorithms the authorization server publishes, so the algorithm check fails.', 'RFC 8725 §2.1, §3.1', refusedAtRs),
      attack('alg-confusion', 'HS256 keyed with the public key: a verifier that used the token’s alg with the JWKS key as an HMAC secret would accept it. This one refuses the algorithm outright.', 'RFC 8725 §2.1, §3.1', refusedAtRs),
    ],
  },
  {
    id: 'wrong-audience',
    title: 'A token for someone else',
    question: 'attack',
    summary: 'The ID token, genuine and signed, presented to the Notes API: refused, because it is not an access token for this resource.',
    steps: [
      ...signInSteps('alice', 'read', READ),
      attack('wrong-audience', 'The ID token is for Notes Assistant, not for the Notes API: its typ is not at+jwt and its aud does not name the resource. A resource server that checked only the signature would be fooled.', 'RFC 9068 §4, RFC 8707 §2', refusedAtRs),
    ],
  },
  {
    id: 'code-replay',
    title: 'Code replay',
    question: 'attack',
    summary: 'Notes Assistant’s own token request sent again: invalid_grant, and the tokens issued from that code are revoked.',
    steps: [
      ...signInSteps('alice', 'write', WRITE),
      attack('code-replay', 'A code may be used once. When it comes back, the authorization server cannot tell who is honest, so it refuses and revokes everything issued from it.', 'RFC 6749 §4.1.2, §10.5', [
        { type: 'authorization_code.replayed', outcome: 'denied' },
      ]),
      {
        does: 'In the run controls switch the resource server to introspection',
        action: { do: 'settings', set: { verificationMode: 'introspection' } },
        narration: 'With the resource server asking the authorization server, the revoked access token is refused at once.',
        cite: 'RFC 7662 §2.2',
        expect: [{ type: 'run.settings_changed' }],
      },
      {
        does: 'Reload Notes Assistant’s notes page',
        action: { do: 'open-notes' },
        narration: 'Introspection answers active:false for the access token issued from the replayed code: Notes Assistant’s token is dead too.',
        cite: 'RFC 6749 §10.5',
        expect: [{ type: 'access_token.rejected', outcome: 'denied' }, { type: 'client.resource_called', status: 401 }],
      },
    ],
  },
  {
    id: 'pkce-wrong-verifier',
    title: 'PKCE: a stolen code, the wrong verifier',
    question: 'attack',
    summary: 'The cli’s code is intercepted before the cli redeems it; sent with another code_verifier it is refused (invalid_grant), and the cli still redeems it with its own.',
    steps: [
      {
        does: 'Start the cli client’s sign-in (code + PKCE, loopback redirect), sign in as alice and press Allow',
        action: { do: 'cli-authorize', user: 'alice', grant: ['notes:read'] },
        narration:
          'The cli is a native app: a public client with no secret, whose code comes back to a loopback address on the user’s machine, where another app could catch it. PKCE binds the code to a secret the cli made for this one request: it sent only the code_challenge, the SHA-256 of its code_verifier.',
        cite: 'RFC 8252 §7.3, §8.1, RFC 7636 §1, §4.2',
        expect: [
          { type: 'authorization_request.received' },
          { type: 'consent.granted', outcome: 'ok' },
          { type: 'authorization_code.issued', outcome: 'ok' },
        ],
      },
      attack('pkce-wrong-verifier', 'The attacker has the code but not the verifier, so it sends one of its own. The authorization server hashes it, compares with the stored code_challenge and refuses: invalid_grant. No token is issued.', 'RFC 7636 §4.6', [
        { type: 'token_request.rejected', outcome: 'denied', from: 'attacker', error: 'invalid_grant' },
        // Not a replay: the code was never redeemed, so nothing is revoked.
        { type: 'authorization_code.replayed', absent: true },
      ]),
      {
        does: 'The cli exchanges its code with its own code_verifier',
        action: { do: 'cli-token' },
        narration:
          'The failed try did not spend the code: this server, like node-oidc-provider, checks the verifier before it consumes the code, and RFC 7636 asks only for invalid_grant. The code still works once and dies after 60 seconds, and a 256-bit verifier cannot be guessed in that time, so the honest app gets its tokens.',
        cite: 'RFC 7636 §4.6, §7.1, RFC 6749 §4.1.2',
        expect: [{ type: 'token.issued', outcome: 'ok', from: 'client' }],
      },
    ],
  },
  {
    id: 'csrf-foreign-state',
    title: 'CSRF: a callback with a foreign state',
    question: 'attack',
    summary: 'The victim’s browser is sent to Notes Assistant’s callback with the attacker’s code: the client sees a state it never sent and refuses.',
    steps: [
      attack('csrf-foreign-state', 'Without the state check, the victim would be signed in to the attacker’s account, and whatever they wrote would go to the attacker. The client refuses a callback whose state does not match the one it stored.', 'RFC 6749 §10.12, RFC 9700 §4.7', [
        { type: 'client.callback_received', outcome: 'error' },
        { type: 'token.issued', absent: true },
      ]),
    ],
  },
  {
    id: 'unregistered-redirect-uri',
    title: 'An unregistered redirect URI',
    question: 'attack',
    summary: 'An authorization request asking to send the code to the attacker: an error page, and no redirect.',
    steps: [
      attack('unregistered-redirect-uri', 'The redirect URI is not one Notes Assistant registered. The authorization server must not redirect to it, even with an error: it tells the user on its own page.', 'RFC 6749 §4.1.2.1, RFC 9700 §4.1', [
        { type: 'authorization_request.received', status: 400 },
        { type: 'authorization_request.rejected', outcome: 'error', error: 'invalid_request' },
        { type: 'authorization_code.issued', absent: true },
      ]),
    ],
  },
  {
    id: 'refresh-token-reuse',
    title: 'Refresh token reuse',
    question: 'attack',
    summary: 'After a refresh with rotation, the old refresh token is replayed: refused, and the whole family revoked.',
    steps: [
      ...signInSteps('alice', 'write', WRITE),
      {
        does: 'In the run controls press “Jump 1 h ahead”',
        action: { do: 'jump-clock' },
        narration: 'An hour later by the run’s clock, the five-minute access token has expired for every party that reads this run’s clock.',
        cite: 'RFC 9068 §2.2',
        expect: [{ type: 'run.settings_changed' }],
      },
      {
        does: 'Reload Notes Assistant’s notes page',
        action: { do: 'open-notes' },
        narration: 'Notes Assistant refreshes: the authorization server issues a new refresh token and the old one is dead (rotation).',
        cite: 'RFC 9700 §4.14.2',
        expect: [{ type: 'token.refreshed', outcome: 'ok' }, { type: 'client.resource_called', outcome: 'ok', status: 200 }],
      },
      attack('refresh-token-reuse', 'A thief who copied the first refresh token uses it now. The authorization server sees a rotated token come back, cannot tell thief from client, and revokes the whole family: the client’s new refresh token dies too.', 'RFC 9700 §4.14.2', [
        { type: 'refresh_token.replayed', outcome: 'denied' },
      ]),
    ],
  },
];
