import { describe, expect, it } from 'vitest';
import { agentRefusal } from './refusal';

describe("Notes Agent's words for a refusal", () => {
  it('RFC 9457 a policy refusal names the rule and its reason, and says more scope would not help', () => {
    const text = agentRefusal('write', {
      kind: 'policy',
      status: 403,
      title: 'Refused by the Notes API policy',
      rule: 'role-viewer',
      detail: 'bob is a viewer: a viewer may list and read notes, not edit them.',
    });
    expect(text).toBe(
      'The Notes API refused the write (403): its own policy says no, and more scope would not help. Scopes are what you delegated to Notes Agent, not rights you have. Rule: role-viewer. bob is a viewer: a viewer may list and read notes, not edit them.',
    );
  });

  it('RFC 6750 §3.1 keeps the error codes as spelled: insufficient_scope with the scope it names, invalid_token with its description', () => {
    expect(agentRefusal('write', { kind: 'insufficient_scope', status: 403, missingScope: 'notes:write' })).toBe(
      'The Notes API refused the write (403 insufficient_scope): the access token lacks the scope notes:write, which was not granted.',
    );
    expect(agentRefusal('list', { kind: 'invalid_token', status: 401, description: 'The access token expired' })).toBe('The Notes API refused the access token (401 invalid_token: “The access token expired”).');
    expect(agentRefusal('list', { kind: 'invalid_token', status: 401 })).toBe('The Notes API refused the access token (401 invalid_token).');
  });

  it('any other answer names the status and the task, with the detail the Notes API gave', () => {
    expect(agentRefusal('list', { kind: 'error', status: 500, detail: 'Internal error' })).toBe('The Notes API answered 500 to the list: Internal error.');
    expect(agentRefusal('write', { kind: 'ok', status: 200 })).toBe('The Notes API answered 200 to the write, not what Notes Agent expected.');
  });
});
