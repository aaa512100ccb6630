import type { Scenario } from '../types';
import { signInSteps, WRITE } from './common';

const readNotes = (narration: string, cite: string) => ({
  does: 'Reload Notes Assistant’s notes page (it reads your notes)',
  action: { do: 'open-notes' } as const,
  narration,
  cite,
});

/** Question 1: how does the resource server know a token is valid? */
export const VALID_TOKEN_SCENARIOS: readonly Scenario[] = [
  {
    id: 'introspection-back-channel',
    title: 'Introspection: asking the authorization server',
    question: 'valid-token',
    summary: 'With the resource server set to introspection, each call makes it ask the authorization server about the token over a back channel.',
    settings: { verificationMode: 'introspection' },
    steps: [
      ...signInSteps('alice', 'write', WRITE).map((s, i) =>
        // The resource server asks before it answers (RFC 7662 §2): the introspection comes before the notes page's 200.
        i === 2 ? { ...s, expect: [...s.expect.slice(0, -1), { type: 'introspection.answered' as const, outcome: 'ok' as const }, ...s.expect.slice(-1)] } : s,
      ),
      {
        ...readNotes(
          'Instead of checking a signature, the resource server posts the token to the introspection endpoint, authenticating as notes-api. The answer says active, the scope, the subject: a call per request, but a revoked token is refused at once.',
          'RFC 7662 §2.1, §2.2',
        ),
        expect: [{ type: 'introspection.answered', outcome: 'ok' }, { type: 'access_token.verified', outcome: 'ok' }, { type: 'resource.answered', status: 200 }],
      },
    ],
  },
  {
    id: 'revocation-local-vs-introspection',
    title: 'Revocation: local check versus introspection',
    question: 'valid-token',
    summary: 'A revoked JWT is still accepted by a local check until it expires; switch to introspection and it is refused at once.',
    steps: [
      ...signInSteps('alice', 'write', WRITE),
      {
        does: 'On the timeline revoke the access token by hand',
        action: { do: 'revoke-access-token' },
        narration: 'The authorization server now holds the token as revoked. But a JWT carries everything a local check needs, and nothing in it has changed.',
        cite: 'RFC 7009 §2.1',
        expect: [{ type: 'token.revoked' }],
      },
      {
        ...readNotes(
          'Verifying locally, the resource server checks the signature, the issuer, the audience and the expiry: all fine. It never asks, so it cannot know about the revocation, and accepts the token until it expires.',
          'RFC 9068 §4',
        ),
        expect: [{ type: 'access_token.verified', outcome: 'ok' }, { type: 'resource.answered', status: 200 }],
      },
      {
        does: 'In the run controls switch the resource server to introspection',
        action: { do: 'settings', set: { verificationMode: 'introspection' } },
        narration: 'Now the resource server will ask the authorization server about every token.',
        cite: 'RFC 7662 §2',
        expect: [{ type: 'run.settings_changed' }],
      },
      {
        ...readNotes(
          'The introspection answer is {"active": false}: the same token is refused at once, with 401 invalid_token. Notes Assistant then tries its refresh token, which was not revoked, and gets a fresh access token.',
          'RFC 7662 §2.2, RFC 6750 §3.1',
        ),
        expect: [
          { type: 'introspection.answered' },
          { type: 'access_token.rejected', outcome: 'denied' },
          { type: 'client.resource_called', status: 401, error: 'invalid_token' },
        ],
      },
    ],
  },
  {
    id: 'expiry-and-refresh',
    title: 'Expiry and refresh',
    question: 'valid-token',
    summary: 'The clock jumps an hour: the access token has expired (401 invalid_token); Notes Assistant refreshes with rotation and the call succeeds.',
    steps: [
      ...signInSteps('alice', 'write', WRITE),
      {
        does: 'In the run controls press “Jump 1 h ahead” (the run’s clock moves an hour ahead)',
        action: { do: 'jump-clock' },
        narration: 'Access tokens live five minutes here. An hour later, the exp claim is in the past for every party that reads this run’s clock.',
        cite: 'RFC 9068 §2.2',
        expect: [{ type: 'run.settings_changed' }],
      },
      {
        ...readNotes(
          'The resource server refuses the expired token with 401 invalid_token. Notes Assistant uses its refresh token once; the authorization server rotates it (the old one dies) and issues a new access token; the retried call succeeds.',
          'RFC 6749 §6, RFC 9700 §4.14.2',
        ),
        expect: [
          { type: 'access_token.rejected', outcome: 'denied' },
          { type: 'client.resource_called', status: 401, error: 'invalid_token' },
          { type: 'token.refreshed', outcome: 'ok' },
          { type: 'client.token_refreshed', outcome: 'ok' },
          { type: 'client.resource_called', outcome: 'ok', status: 200 },
        ],
      },
    ],
  },
  {
    id: 'key-rotation',
    title: 'Key rotation',
    question: 'valid-token',
    summary: 'The authorization server rotates its signing key; the next token has a new kid, and the resource server fetches the JWKS again to find it.',
    steps: [
      ...signInSteps('alice', 'write', WRITE),
      {
        does: 'In the run controls press “Rotate signing key”',
        action: { do: 'rotate-key' },
        narration: 'A new key signs from now on; the old one stays in the JWKS so tokens it signed remain valid until they expire.',
        cite: 'RFC 8414 §2 (jwks_uri), RFC 7517',
        expect: [{ type: 'signing_key.rotated' }],
      },
      {
        does: 'Sign out of Notes Assistant',
        action: { do: 'sign-out' },
        narration: 'Notes Assistant forgets its tokens and revokes its refresh token. alice stays signed in at the authorization server.',
        cite: 'RFC 7009 §2.1',
        expect: [{ type: 'client.signed_out' }],
      },
      {
        does: 'Sign in again, asking for read and write (alice is still signed in and has consented: no pages to click)',
        action: { do: 'sign-in', access: 'write' },
        narration:
          'The new access token is signed with the new key and names its kid. The resource server does not know that kid yet, so it fetches the JWKS again, finds the key, and the signature check passes.',
        cite: 'RFC 7515 §4.1.4, RFC 8414 §2',
        expect: [{ type: 'token.issued', outcome: 'ok' }, { type: 'access_token.verified', outcome: 'ok' }, { type: 'resource.answered', status: 200 }],
      },
    ],
  },
];
