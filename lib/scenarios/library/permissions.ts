import type { Scenario } from '../types';
import { signInSteps, WRITE, writeSucceeds } from './common';
import { YOUR_OWN_SCOPE } from './your-own-scope';

/** Question 3: how do scopes map to the app's own permissions? Scope ∩ role ∩ the note's rules. */
export const PERMISSION_SCENARIOS: readonly Scenario[] = [
  {
    id: 'scope-is-not-permission',
    title: 'A scope is not a permission',
    question: 'permissions',
    summary: 'bob, a viewer, grants notes:write; the token carries it, and the Notes API’s policy still refuses his write.',
    steps: [
      ...signInSteps('bob', 'write', WRITE),
      {
        does: 'In Notes Assistant create a note “Bob was here”',
        action: { do: 'create-note', title: 'Bob was here' },
        narration:
          'The token is valid and carries notes:write: the scope check passes. Then the policy asks what bob may do: he is a viewer, and a scope is the client’s delegation, never more than the user’s own rights. 403, with a problem body naming the rule.',
        cite: 'RFC 6749 §3.3, RFC 9457',
        expect: [
          { type: 'access_token.verified', outcome: 'ok' },
          { type: 'policy.denied', outcome: 'denied' },
          { type: 'client.resource_called', outcome: 'denied', status: 403 },
        ],
      },
    ],
  },
  {
    id: 'ownership-and-sharing',
    title: 'Ownership and sharing',
    question: 'permissions',
    summary: 'alice may edit bob’s “Project plan” (shared with her for editing) but not his “Reading list” (shared read-only).',
    steps: [
      ...signInSteps('alice', 'write', WRITE),
      {
        does: 'Edit “Project plan” (bob shared it with alice for editing) and press Save',
        action: { do: 'edit-note', note: 'Project plan', body: 'Draft, review, ship. Reviewed by alice.' },
        narration: 'Scope notes:write, role editor, and the note’s own rule: bob shared it with alice for editing. All three agree, so the write is allowed.',
        cite: 'RFC 6750 §2.1',
        expect: [{ type: 'policy.allowed', outcome: 'ok' }, { type: 'client.resource_called', outcome: 'ok', status: 200 }],
      },
      {
        does: 'Edit “Reading list” (shared with alice read-only) and press Save',
        action: { do: 'edit-note', note: 'Reading list', body: 'Adding RFC 9700.' },
        narration: 'Same token, same scope, same role. But this note is shared with alice to read only: the resource’s own condition refuses the edit.',
        cite: 'RFC 9457',
        expect: [{ type: 'policy.denied', outcome: 'denied' }, { type: 'client.resource_called', outcome: 'denied', status: 403 }],
      },
    ],
  },
  {
    id: 'machine-to-machine',
    title: 'Machine to machine',
    question: 'permissions',
    summary: 'reporting-service gets a token with no user in it (client credentials); the policy lets it read public notes only.',
    steps: [
      {
        does: 'As reporting-service, ask the token endpoint for a token (client credentials, like curl)',
        action: { do: 'client-credentials', scope: 'notes:read' },
        narration:
          'No browser, no user, no consent: the service authenticates with its own secret and gets a token for itself. The token’s sub is the client, not a person.',
        cite: 'RFC 6749 §4.4',
        expect: [{ type: 'client_authentication.succeeded', outcome: 'ok' }, { type: 'token.issued', outcome: 'ok' }],
      },
      {
        does: 'Call GET /rs/api/notes/n7 (carol’s public “Office hours”) with that token',
        action: { do: 'service-call', method: 'GET', path: '/rs/api/notes/n7' },
        narration: 'The resource server verifies the token as always, then asks the policy what a service may do with no user behind it: read notes marked public.',
        cite: 'RFC 9068 §2.2',
        expect: [{ type: 'access_token.verified', outcome: 'ok' }, { type: 'policy.allowed', outcome: 'ok' }, { type: 'resource.answered', status: 200 }],
      },
      {
        does: 'Call GET /rs/api/notes/n6 (carol’s private “Salary review”) with that token',
        action: { do: 'service-call', method: 'GET', path: '/rs/api/notes/n6' },
        narration: 'Same valid token, same notes:read scope. But a token in nobody’s name cannot borrow anybody’s rights: the policy refuses a private note.',
        cite: 'RFC 6749 §4.4',
        expect: [{ type: 'access_token.verified', outcome: 'ok' }, { type: 'policy.denied', outcome: 'denied' }, { type: 'resource.answered', status: 403 }],
      },
    ],
  },
  {
    id: 'switch-user',
    title: 'Sign in as someone else',
    question: 'permissions',
    summary: 'alice writes; she signs out and bob signs in (prompt=login): same client, same scopes, and the policy now refuses the write.',
    steps: [
      ...signInSteps('alice', 'write', WRITE),
      writeSucceeds('Written by alice'),
      {
        does: 'Sign out of Notes Assistant',
        action: { do: 'sign-out' },
        narration: 'Notes Assistant forgets its tokens and revokes its refresh token. The authorization server still remembers alice: signing in again would not even show a page.',
        cite: 'RFC 7009 §2.1',
        expect: [{ type: 'token.revoked' }, { type: 'client.signed_out' }],
      },
      {
        does: 'At Notes Assistant press “Sign in as someone else” (an authorization request with prompt=login)',
        action: { do: 'sign-in', access: 'write', prompt: 'login' },
        narration: 'prompt=login asks the authorization server to authenticate the user again even though a session exists, so another person can sign in on the same browser.',
        cite: 'OpenID Connect Core §3.1.2.1',
        expect: [{ type: 'client.sign_in_started' }, { type: 'authorization_request.received' }],
      },
      ...signInSteps('bob', 'write', WRITE).slice(1),
      {
        does: 'In Notes Assistant create a note “Written by bob”',
        action: { do: 'create-note', title: 'Written by bob' },
        narration: 'Same client, same scopes granted, a different user: bob is a viewer, and the policy refuses his write. The token speaks for whoever signed in.',
        cite: 'RFC 6749 §3.3',
        expect: [{ type: 'access_token.verified', outcome: 'ok' }, { type: 'policy.denied', outcome: 'denied' }, { type: 'client.resource_called', outcome: 'denied', status: 403 }],
      },
    ],
  },
  YOUR_OWN_SCOPE,
];
