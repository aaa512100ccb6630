import type { Scenario } from '../types';
import { READ, signInSteps, WRITE, writeRefused, writeSucceeds } from './common';

/** Question 2: how does the resource server know the token's scope, and refuse what was not granted? */
export const SCOPE_SCENARIOS: readonly Scenario[] = [
  {
    id: 'read-only-then-write',
    title: 'Read only, then a write',
    question: 'scope',
    summary: 'alice consents to read only; Notes Assistant tries to write and the Notes API answers 403 insufficient_scope.',
    steps: [...signInSteps('alice', 'write', READ), writeRefused('Plan for Monday')],
  },
  {
    id: 'write-granted',
    title: 'Write granted',
    question: 'scope',
    summary: 'alice consents to read and write; the same write succeeds.',
    steps: [...signInSteps('alice', 'write', WRITE), writeSucceeds('Plan for Monday')],
  },
  {
    id: 'incremental-authorization',
    title: 'Incremental authorization',
    question: 'scope',
    summary: 'Refused for lack of notes:write, Notes Assistant asks for it, alice consents, and the same write succeeds.',
    steps: [
      ...signInSteps('alice', 'write', READ),
      writeRefused('Plan for Monday'),
      {
        does: 'Press “Ask for write access”, then consent with notes:write checked',
        action: { do: 'ask-for-write' },
        narration:
          'The client asks again for what it has plus notes:write, with prompt=consent so the user is asked even though she is still signed in at the authorization server. It gets a new code and new tokens.',
        cite: 'OpenID Connect Core §3.1.2.1, RFC 6749 §3.3',
        expect: [{ type: 'client.sign_in_started' }, { type: 'consent.shown' }],
      },
      {
        does: 'Consent to read and write and press Allow',
        action: { do: 'consent', grant: WRITE },
        narration: 'This time the consent includes notes:write, and the new access token carries it.',
        cite: 'RFC 6749 §3.3',
        expect: [{ type: 'consent.granted', outcome: 'ok' }, { type: 'token.issued', outcome: 'ok' }, { type: 'client.tokens_received', outcome: 'ok' }],
      },
      writeSucceeds('Plan for Monday'),
    ],
  },
  {
    id: 'user-denies',
    title: 'The user says no',
    question: 'scope',
    summary: 'alice presses Deny: the authorization server sends access_denied back to the client, and no code or token is issued.',
    steps: [
      signInSteps('alice', 'read', READ)[0]!,
      signInSteps('alice', 'read', READ)[1]!,
      {
        does: 'At the consent page press Deny',
        action: { do: 'deny' },
        narration:
          'The resource owner refuses. The authorization server redirects back to the client with error=access_denied and the state; no code is issued, so the client never gets a token.',
        cite: 'RFC 6749 §4.1.2.1',
        expect: [
          { type: 'consent.denied', outcome: 'denied' },
          { type: 'client.callback_received', error: 'access_denied' },
          { type: 'authorization_code.issued', absent: true },
          { type: 'token.issued', absent: true },
        ],
      },
    ],
  },
];
