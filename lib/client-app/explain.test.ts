import { describe, expect, it } from 'vitest';
import { explain } from './explain';

describe('What the notes page says after an action', () => {
  it('RFC 6750 §3.1 insufficient_scope: plain words, the missing scope, and the offer to ask for it', () => {
    const e = explain({ action: 'create', outcome: { kind: 'insufficient_scope', status: 403, missingScope: 'notes:write' } });
    expect(e.tone).toBe('denied');
    expect(e.headline).toContain('lacks the scope notes:write');
    expect(e.offer).toBe('ask-for-scope');
    expect(e.scope).toBe('notes:write');
  });

  it('a policy refusal says more scope would not help, names the rule, and offers no re-authorization', () => {
    const e = explain({ action: 'create', outcome: { kind: 'policy', status: 403, title: 'Forbidden', rule: 'viewer-reads-only', detail: 'bob is a viewer' } });
    expect(e.headline).toContain('more scope would not help');
    expect(e.text).toContain('Rule: viewer-reads-only.');
    expect(e.text).toContain('bob is a viewer');
    expect(e.offer).toBe('none');
  });

  it('RFC 6749 §6 a success after a refresh says the token was refreshed and the call retried', () => {
    const e = explain({ action: 'list', outcome: { kind: 'ok', status: 200 }, refreshed: true, rotated: true });
    expect(e.tone).toBe('ok');
    expect(e.text).toContain('used its refresh token');
    expect(e.text).toContain('rotated');
    expect(explain({ action: 'list', outcome: { kind: 'ok', status: 200 }, refreshed: true }).text).not.toContain('rotated');
  });

  it('RFC 6750 §3 after a refresh, the words follow the resource server’s error_description, never a guess of "expired"', () => {
    const revoked = explain({
      action: 'list',
      outcome: { kind: 'ok', status: 200 },
      refreshed: true,
      refusedBecause: 'the authorization server says the token is not active (unknown, expired or revoked)',
    });
    expect(revoked.text).toContain('The Notes API refused the access token (401 invalid_token: “the authorization server says the token is not active (unknown, expired or revoked)”)');
    expect(revoked.text).not.toContain('had expired');
    expect(explain({ action: 'list', outcome: { kind: 'ok', status: 200 }, refreshed: true }).text).not.toContain('expired');
  });

  it('invalid_token after a failed refresh asks the user to sign in again, with both reasons', () => {
    const e = explain({
      action: 'edit',
      target: 'Groceries',
      outcome: { kind: 'invalid_token', status: 401, description: 'expired' },
      refreshFailed: 'invalid_grant',
    });
    expect(e.offer).toBe('sign-in-again');
    expect(e.text).toBe('The access token was refused (expired) and the refresh failed (invalid_grant).');
  });

  it('an unreachable Notes API is an error, not a crash, and nothing is offered', () => {
    const e = explain({ action: 'delete', outcome: { kind: 'unreachable', detail: 'connect ECONNREFUSED' } });
    expect(e).toMatchObject({ tone: 'error', headline: 'The Notes API could not be reached.', offer: 'none' });
  });
});
