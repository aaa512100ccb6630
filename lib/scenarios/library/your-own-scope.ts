import type { Scenario } from '../types';
import { signInSteps, WRITE } from './common';

const PURGE = 'notes:purge';
const MEANING = 'Delete notes for good';

/**
 * Question 3, told with a scope the learner invents: a scope is a string the
 * authorization server lets a user grant; what it allows is the resource
 * server's to say, and the resource server's rules may still refuse.
 */
export const YOUR_OWN_SCOPE: Scenario = {
  id: 'your-own-scope',
  title: 'Your own scope, and a rule no token carries',
  question: 'permissions',
  summary: 'Define notes:purge, make delete need it: refused with notes:write alone, granted at consent with its meaning, then refused again by an office-hours rule on the run’s clock.',
  // Tokens that outlive the clock jump, so the last refusal is the rule's, not an expiry.
  settings: { accessTokenTtl: 2 * 86_400, refreshTokenTtl: 3 * 86_400 },
  steps: [
    {
      does: `In “Scopes and rules” add the scope ${PURGE} meaning “${MEANING}”, make delete need ${PURGE} instead of notes:write, and Save`,
      action: { do: 'policy', define: { scope: PURGE, meaning: MEANING }, needs: { action: 'delete', scopes: [PURGE] } },
      narration:
        'OAuth names no scopes for your app: a scope is any string the authorization server lets a user grant. The authorization server learns the name and a meaning to show at consent; the Notes API learns what the name allows. Here, deleting now needs notes:purge.',
      cite: 'RFC 6749 §3.3',
      // The Notes API's half as saved: delete needs notes:purge (the panel's table shows the same).
      expect: [{ type: 'run.policy_changed', shows: [`"${PURGE}":{"meaning":"${MEANING}"`, `"delete":["${PURGE}"]`] }],
    },
    ...signInSteps('alice', 'write', WRITE),
    {
      does: 'In Notes Assistant press Delete on “Groceries”',
      action: { do: 'delete-note', note: 'Groceries' },
      narration:
        'The token carries notes:write, which no longer lets anyone delete. The Notes API refuses with 403 insufficient_scope and names the scope it wants in the challenge, so the client knows what to ask for.',
      cite: 'RFC 6750 §3.1',
      expect: [
        { type: 'resource_request.received', status: 403, shows: ['error="insufficient_scope"', `scope="${PURGE}"`] },
        { type: 'client.resource_called', outcome: 'denied', status: 403, error: 'insufficient_scope' },
      ],
    },
    {
      does: `Sign out of Notes Assistant; choose “Read and write”, type ${PURGE} in “Also ask for” and press Sign in`,
      action: { do: 'ask-for-scope', access: 'write', scope: PURGE },
      narration: `Notes Assistant asks for ${PURGE} too. alice is still signed in at the authorization server, which shows the consent page at once, with the meaning the run gave the scope: “${MEANING}”.`,
      cite: 'RFC 6749 §3.3, §4.1.1',
      expect: [{ type: 'client.sign_in_started' }, { type: 'consent.shown', shows: MEANING }],
    },
    {
      does: `Consent with ${PURGE} checked and press Allow`,
      action: { do: 'consent', grant: [...WRITE, PURGE] },
      narration: `The user grants ${PURGE}: the new access token carries it in its scope claim, as the introspection answer would.`,
      cite: 'RFC 9068 §2.2.3, RFC 7662 §2.2',
      expect: [{ type: 'consent.granted', outcome: 'ok' }, { type: 'token.issued', outcome: 'ok', shows: PURGE }, { type: 'client.tokens_received', outcome: 'ok', shows: PURGE }],
    },
    {
      does: 'Press Delete on “Groceries” again',
      action: { do: 'delete-note', note: 'Groceries' },
      narration: 'The same request with the new token: the scope check passes, alice owns the note, no rule objects. The note is gone.',
      cite: 'RFC 6750 §2.1',
      expect: [{ type: 'policy.allowed', outcome: 'ok' }, { type: 'client.resource_called', outcome: 'ok', status: 204 }],
    },
    {
      does: 'In “Scopes and rules” press “Add the office-hours rule” and Save',
      action: { do: 'policy', officeHours: true },
      narration:
        'A rule can depend on what no token carries: here, the time. Deletes are refused outside 09:00 to 17:00 UTC, whatever the token’s scope.',
      cite: 'RFC 6749 §3.3',
      expect: [{ type: 'run.policy_changed', shows: 'office-hours' }],
    },
    {
      does: 'In the run controls set the clock to 22:00 UTC',
      action: { do: 'set-clock', utc: '22:00' },
      narration: 'The run’s clock moves forward to ten in the evening; every party of this run reads the same clock.',
      cite: 'RFC 9068 §2.2',
      expect: [{ type: 'run.settings_changed' }],
    },
    {
      does: 'Press Delete on “Team meeting agenda”',
      action: { do: 'delete-note', note: 'Team meeting agenda' },
      narration:
        'The token still holds notes:purge and alice owns the note, but the office-hours rule refuses: a 403 that more scope would not fix. The decision’s checklist names the rule.',
      cite: 'RFC 6750 §3.1, RFC 9457 §3',
      expect: [
        // The checklist: the scope step passed (delete needs notes:purge), the rule step failed, naming the rule and the clock.
        { type: 'policy.denied', outcome: 'denied', shows: [`delete needs ${PURGE}`, 'office-hours', "the run's clock says 22:0"] },
        { type: 'client.resource_called', outcome: 'denied', status: 403 },
      ],
    },
  ],
};
