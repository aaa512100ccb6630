import type { DemoUser, Step } from '../types';

/** What Notes Assistant asks for (lib/client-app/scopes.ts): read only, or read and write. */
export const READ = ['openid', 'profile', 'offline_access', 'notes:read'] as const;
export const WRITE = [...READ, 'notes:write'] as const;

/**
 * The three legs of the authorization code flow as a person does them:
 * press Sign in at Notes Assistant, sign in at the authorization server,
 * consent. Used by most scenarios; the narration is the teacher's.
 */
export function signInSteps(user: DemoUser, access: 'read' | 'write', grant: readonly string[]): Step[] {
  return [
    {
      does: `At Notes Assistant choose “${access === 'read' ? 'Read only' : 'Read and write'}” and press Sign in`,
      action: { do: 'sign-in', access },
      narration:
        'Notes Assistant sends the browser to the authorization server with an authorization request: its client_id, the scopes it wants, a state and a PKCE code challenge. The browser carries the request; the client and the authorization server never talk directly here.',
      cite: 'RFC 6749 §4.1.1, RFC 7636 §4.3',
      expect: [
        { type: 'client.sign_in_started' },
        { type: 'authorization_request.received' },
      ],
    },
    {
      does: `At the authorization server press “Sign in as ${user}”`,
      action: { do: 'sign-in-as', user },
      narration: `The authorization server authenticates ${user}. Only it ever sees who signs in: Notes Assistant will learn it from the ID token, never from a password.`,
      cite: 'RFC 6749 §3.1',
      expect: [{ type: 'user.signed_in', outcome: 'ok' }, { type: 'consent.shown' }],
    },
    {
      does: `Consent to ${grant.includes('notes:write') ? 'read and write' : 'read only'} (${grant.filter((s) => s.startsWith('notes:')).join(' ')}) and press Allow`,
      action: { do: 'consent', grant },
      narration:
        'The user decides what the client gets: unchecking a scope grants less than asked. The authorization server redirects back with a one-time code, which Notes Assistant exchanges at the token endpoint over the back channel, authenticating with its secret and proving the PKCE verifier.',
      cite: 'RFC 6749 §3.3, §4.1.2, §4.1.3',
      expect: [
        { type: 'consent.granted', outcome: 'ok' },
        { type: 'authorization_code.issued' },
        { type: 'token.issued', outcome: 'ok' },
        { type: 'client.tokens_received', outcome: 'ok' },
        { type: 'resource.answered', status: 200 },
      ],
    },
  ];
}

export const writeRefused = (title: string): Step => ({
  does: `In Notes Assistant create a note “${title}”`,
  action: { do: 'create-note', title },
  narration:
    'The token carries only notes:read. The resource server verifies the token, then compares the scope the write needs with the scope granted, and refuses with 403 insufficient_scope, naming the missing scope in the WWW-Authenticate challenge.',
  cite: 'RFC 6750 §3.1',
  expect: [
    { type: 'access_token.verified', outcome: 'ok' },
    { type: 'resource.answered', outcome: 'denied', status: 403 },
    { type: 'client.resource_called', outcome: 'denied', status: 403, error: 'insufficient_scope' },
  ],
});

export const writeSucceeds = (title: string): Step => ({
  does: `In Notes Assistant create a note “${title}”`,
  action: { do: 'create-note', title },
  narration: 'The token carries notes:write, the user’s role lets them write: the resource server allows the write and answers 201.',
  cite: 'RFC 6750 §2.1',
  expect: [
    { type: 'access_token.verified', outcome: 'ok' },
    { type: 'policy.allowed', outcome: 'ok' },
    { type: 'client.resource_called', outcome: 'ok', status: 201 },
  ],
});
