import type { Scenario } from '../types';

/** Discovery: a client that knows only the Notes API's URL finds everything else (issue 12, Notes Agent). */
export const DISCOVERY_SCENARIOS: readonly Scenario[] = [
  {
    id: 'agent-discovers-the-server',
    title: 'An agent discovers the server from one 401',
    question: 'scope',
    summary:
      'Notes Agent knows only the Notes API’s URL: the 401 names the resource metadata, which names the authorization server; it names itself by a client ID metadata document, asks for notes:read, and on 403 insufficient_scope asks for exactly notes:write.',
    steps: [
      {
        does: 'Open Notes Agent and press “Start Notes Agent”',
        action: { do: 'start-agent' },
        narration:
          'The agent calls the Notes API with no token. The 401’s challenge names resource_metadata; that document names the authorization server, whose metadata names its endpoints. The agent’s client_id is the URL of its own metadata document, which the authorization server fetches.',
        cite: 'RFC 9728 §5.1, RFC 8414 §3',
        expect: [
          { type: 'agent.discovered', from: 'client', to: 'resource-server', status: 401 },
          { type: 'agent.discovered', from: 'client', to: 'auth-server', status: 200 },
          // The authorization server takes the request, then fetches the document its client_id names.
          { type: 'authorization_request.received' },
          { type: 'client_id_document.fetched', outcome: 'ok' },
        ],
      },
      {
        does: 'Sign in as alice',
        action: { do: 'sign-in-as', user: 'alice' },
        narration: 'The authorization server signs alice in and asks her to consent. The consent page says which document it fetched and that the agent’s name is self-asserted.',
        cite: 'RFC 6749 §4.1.1',
        expect: [{ type: 'user.signed_in', outcome: 'ok' }, { type: 'consent.shown' }],
      },
      {
        does: 'Consent to notes:read and press Allow',
        action: { do: 'agent-consent', grant: ['notes:read'], then: 'asks-again' },
        narration:
          'The agent redeems the code with its PKCE verifier and the resource, lists the notes, then tries to write one. The Notes API answers 403 insufficient_scope naming notes:write, and the agent asks for exactly that scope.',
        cite: 'RFC 8707 §2, RFC 6750 §3.1',
        expect: [
          { type: 'client.tokens_received', outcome: 'ok' },
          { type: 'client.resource_called', outcome: 'ok', status: 200 },
          { type: 'client.resource_called', outcome: 'denied', status: 403, error: 'insufficient_scope' },
          { type: 'agent.scope_stepped_up' },
          { type: 'consent.shown' },
        ],
      },
      {
        does: 'Consent to notes:write and press Allow',
        action: { do: 'agent-consent', grant: ['notes:write'], then: 'done' },
        narration: 'With a token that carries notes:write, the same write succeeds. The agent never asked for more than a challenge named.',
        cite: 'RFC 6750 §3.1',
        expect: [
          { type: 'client.tokens_received', outcome: 'ok' },
          { type: 'client.resource_called', outcome: 'ok', status: 201 },
        ],
      },
    ],
  },
];
