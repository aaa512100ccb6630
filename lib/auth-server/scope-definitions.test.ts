import { describe, expect, it } from 'vitest';
import { CLIENTS } from './clients';
import { allowedScopes, DEFAULT_SCOPE_DEFINITIONS, scopeMeaning, scopesSupported, validateScopeDefinitions } from './scope-definitions';

const client = (id: string) => CLIENTS.find((c) => c.client_id === id)!;
const purge = { ...DEFAULT_SCOPE_DEFINITIONS, 'notes:purge': { meaning: 'Delete notes for good', clients: ['cli'] } };

describe("RFC 6749 §3.3 a run's own scopes at the authorization server", () => {
  it('by default the demo clients may ask for what the README says', () => {
    expect(allowedScopes(client('notes-assistant'), DEFAULT_SCOPE_DEFINITIONS)).toEqual(['openid', 'profile', 'offline_access', 'notes:read', 'notes:write']);
    expect(allowedScopes(client('cli'), DEFAULT_SCOPE_DEFINITIONS)).toEqual(['openid', 'profile', 'offline_access', 'notes:read', 'notes:write']);
    expect(allowedScopes(client('reporting-service'), DEFAULT_SCOPE_DEFINITIONS)).toEqual(['notes:read']);
    expect(allowedScopes(client('notes-api'), DEFAULT_SCOPE_DEFINITIONS)).toEqual([]);
  });

  it("a client's allowed scopes follow the run's definitions: which clients each names", () => {
    expect(allowedScopes(client('cli'), purge)).toContain('notes:purge');
    expect(allowedScopes(client('notes-assistant'), purge)).not.toContain('notes:purge');
    const noWrite = { 'notes:read': DEFAULT_SCOPE_DEFINITIONS['notes:read']! };
    expect(allowedScopes(client('cli'), noWrite)).toEqual(['openid', 'profile', 'offline_access', 'notes:read']);
  });

  it('scopes_supported (RFC 8414 §2) lists the supported standard scopes, then the run’s', () => {
    expect(scopesSupported(purge)).toEqual(['openid', 'profile', 'offline_access', 'notes:read', 'notes:write', 'notes:purge']);
  });

  it('the consent page shows the run’s meaning, the standard’s for a standard scope', () => {
    expect(scopeMeaning('notes:purge', purge)).toBe('Delete notes for good');
    expect(scopeMeaning('openid', purge)).toBe('Confirm who you are (an ID token with your user id)');
  });

  it('a meaning alone gives the two user-facing clients; an object names its clients', () => {
    expect(validateScopeDefinitions({ 'notes:purge': 'Delete notes for good', 'reports:read': { meaning: 'Read reports', clients: ['reporting-service'] } })).toEqual({
      ok: true,
      definitions: { 'notes:purge': { meaning: 'Delete notes for good', clients: ['notes-assistant', 'cli'] }, 'reports:read': { meaning: 'Read reports', clients: ['reporting-service'] } },
    });
    expect(validateScopeDefinitions({ x: { meaning: 'X', clients: [] } })).toEqual({ ok: false, field: 'scopes.x.clients', message: 'must list at least one client that may ask for the scope' });
    expect(validateScopeDefinitions({ x: { meaning: 'X', colour: 'red' } })).toEqual({ ok: false, field: 'scopes.x.colour', message: 'is not a field of a scope definition (meaning, clients)' });
  });
});
