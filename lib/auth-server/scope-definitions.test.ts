import { describe, expect, it } from 'vitest';
import { CLIENTS } from './clients';
import { allowedScopes, DEFAULT_SCOPE_DEFINITIONS, scopeMeaning, scopesSupported, validateScopeDefinitions, whatClientMayAskFor } from './scope-definitions';

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

// What a run's policy document may say in its `scopes` member (PUT /api/runs/current/policy): each
// refusal names the field, so the person editing the document sees which entry to fix.
describe("validating a run's scope definitions: each refusal names its field", () => {
  const refused = (input: unknown) => {
    const r = validateScopeDefinitions(input);
    return r.ok ? 'accepted' : `${r.field}: ${r.message}`;
  };
  const defined = (input: unknown) => {
    const r = validateScopeDefinitions(input);
    if (!r.ok) throw new Error(`refused: ${r.field}: ${r.message}`);
    return r.definitions;
  };
  /** `n` distinct scope-tokens that are no standard scope. */
  const custom = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, `Scope number ${i}`]));
  const OPENID_MEANING = 'Confirm who you are (an ID token with your user id)';

  it('the scopes member must be an object from name to meaning: not null, an array or a string', () => {
    for (const input of [null, [], ['notes:read'], 'notes:read', 3])
      expect(refused(input)).toBe('scopes: must be an object from scope name to meaning');
    expect(defined({})).toEqual({});
  });

  it('RFC 6749 §3.3 a scope name must be a scope-token: no space, no ", no \\, printable ASCII only', () => {
    const notToken = 'is not a scope-token (RFC 6749 §3.3: printable ASCII, no space, no " or \\)';
    expect(refused({ 'notes purge': 'x' })).toBe(`scopes.notes purge: ${notToken}`);
    expect(refused({ 'a\\b': 'x' })).toBe(`scopes.a\\b: ${notToken}`);
    expect(refused({ '': 'x' })).toBe(`scopes.: ${notToken}`);
    // %x21 and %x7E are the ends of the scope-token ranges: a name of them alone is a scope-token.
    expect(defined({ '!~': 'Edge of the range' })).toEqual({ '!~': { meaning: 'Edge of the range', clients: ['notes-assistant', 'cli'] } });
  });

  it('a scope name is at most 64 characters', () => {
    const at = 'n'.repeat(64);
    const over = 'n'.repeat(65);
    expect(Object.keys(defined({ [at]: 'Long name' }))).toEqual([at]);
    expect(refused({ [over]: 'Too long a name' })).toBe(`scopes.${over}: is longer than 64 characters`);
  });

  it('OpenID Connect Core §5.4, §11: a standard scope may be sent back only as GET shows it, and is not stored', () => {
    // As GET shows it ({ meaning, standard: true }), or its standard meaning as a string.
    expect(defined({ openid: { meaning: OPENID_MEANING, standard: true }, profile: 'See your name and role', 'notes:x': 'X' })).toEqual({
      'notes:x': { meaning: 'X', clients: ['notes-assistant', 'cli'] },
    });
    // email is standard though this sandbox does not offer it: its own words (OIDC Core §5.4) are still the standard's.
    expect(defined({ email: 'See your email address' })).toEqual({});
    const redefined = 'is a standard OpenID Connect scope: its meaning is the standard’s and cannot be redefined';
    expect(refused({ openid: 'Anything you like' })).toBe(`scopes.openid: ${redefined}`);
    expect(refused({ openid: { meaning: OPENID_MEANING } })).toBe(`scopes.openid: ${redefined}`);
    expect(refused({ openid: { meaning: OPENID_MEANING, standard: 'true' } })).toBe(`scopes.openid: ${redefined}`);
    expect(refused({ offline_access: null })).toBe(`scopes.offline_access: ${redefined}`);
    expect(refused({ offline_access: 7 })).toBe(`scopes.offline_access: ${redefined}`);
    expect(refused({ phone: 'My phone' })).toBe(`scopes.phone: ${redefined}`);
  });

  it('a definition is a meaning or {"meaning", "clients"}: not a number, null or an array', () => {
    const shape = 'must be a meaning (a string) or {"meaning": "...", "clients": [...]}';
    expect(refused({ 'notes:x': 5 })).toBe(`scopes.notes:x: ${shape}`);
    expect(refused({ 'notes:x': null })).toBe(`scopes.notes:x: ${shape}`);
    expect(refused({ 'notes:x': ['Read'] })).toBe(`scopes.notes:x: ${shape}`);
  });

  it("a run's own scope may say standard: false, as nothing else: it cannot claim to be standard", () => {
    expect(defined({ 'notes:x': { meaning: 'X', standard: false } })).toEqual({ 'notes:x': { meaning: 'X', clients: ['notes-assistant', 'cli'] } });
    expect(refused({ 'notes:x': { meaning: 'X', standard: true } })).toBe('scopes.notes:x.standard: is not a field of a scope definition (meaning, clients)');
    // Only `standard` may be false: any other field is refused, whatever its value.
    expect(refused({ 'notes:x': { meaning: 'X', hidden: false } })).toBe('scopes.notes:x.hidden: is not a field of a scope definition (meaning, clients)');
  });

  it('a meaning is plain words, at most 200 characters, stored without surrounding spaces', () => {
    const words = 'must say in plain words what the scope lets a client do';
    expect(refused({ 'notes:x': '' })).toBe(`scopes.notes:x.meaning: ${words}`);
    expect(refused({ 'notes:x': ' \t ' })).toBe(`scopes.notes:x.meaning: ${words}`);
    expect(refused({ 'notes:x': { meaning: 7 } })).toBe(`scopes.notes:x.meaning: ${words}`);
    expect(refused({ 'notes:x': { clients: ['cli'] } })).toBe(`scopes.notes:x.meaning: ${words}`);
    expect(defined({ 'notes:x': '  Read x  ' })).toEqual({ 'notes:x': { meaning: 'Read x', clients: ['notes-assistant', 'cli'] } });
    expect(defined({ 'notes:x': { meaning: ' Read x ', clients: ['cli'] } })).toEqual({ 'notes:x': { meaning: 'Read x', clients: ['cli'] } });
    expect(defined({ 'notes:x': 'm'.repeat(200) })['notes:x']!.meaning).toHaveLength(200);
    expect(refused({ 'notes:x': 'm'.repeat(201) })).toBe('scopes.notes:x.meaning: is longer than 200 characters');
  });

  it('the clients of a scope: a non-empty list of the clients that ask for scopes, each once', () => {
    const one = 'must list at least one client that may ask for the scope';
    expect(refused({ 'notes:x': { meaning: 'X', clients: 'cli' } })).toBe(`scopes.notes:x.clients: ${one}`);
    const known = '(notes-assistant, cli, reporting-service)';
    expect(refused({ 'notes:x': { meaning: 'X', clients: ['cli', 'mallory'] } })).toBe(`scopes.notes:x.clients: "mallory" is not a client that asks for scopes ${known}`);
    // The resource server's own credentials ask for no scope.
    expect(refused({ 'notes:x': { meaning: 'X', clients: ['notes-api'] } })).toBe(`scopes.notes:x.clients: "notes-api" is not a client that asks for scopes ${known}`);
    expect(refused({ 'notes:x': { meaning: 'X', clients: [5] } })).toBe(`scopes.notes:x.clients: 5 is not a client that asks for scopes ${known}`);
    expect(refused({ 'notes:x': { meaning: 'X', clients: ['cli', 'cli'] } })).toBe('scopes.notes:x.clients: names a client more than once');
    expect(defined({ 'notes:x': { meaning: 'X', clients: ['reporting-service', 'notes-assistant', 'cli'] } })).toEqual({
      'notes:x': { meaning: 'X', clients: ['reporting-service', 'notes-assistant', 'cli'] },
    });
  });

  it('a run defines at most 30 scopes of its own; the standard ones sent back unchanged do not count', () => {
    expect(Object.keys(defined(custom(30)))).toHaveLength(30);
    expect(refused(custom(31))).toBe('scopes: may define at most 30 scopes');
    // GET shows the three offered standard scopes; email, address and phone may be sent unchanged too.
    const standard = {
      openid: OPENID_MEANING,
      profile: { meaning: 'See your name and role', standard: true },
      offline_access: { meaning: 'Stay connected when you are away (a refresh token)', standard: true },
      email: 'See your email address',
      address: 'See your postal address',
      phone: 'See your phone number',
    };
    expect(Object.keys(defined({ ...standard, ...custom(30) }))).toHaveLength(30);
    expect(refused({ ...standard, ...custom(31) })).toBe('scopes: may define at most 30 scopes');
  });
});

describe('RFC 6749 §3.3 which scopes a client may ask for in a run', () => {
  it("a registered client's own scopes count only where the run offers them", () => {
    // A client registered (RFC 7591 §2 `scope`) for scopes the run does not offer: email is standard but
    // not supported here, notes:purge is not defined by this run.
    const registered = { ...client('cli'), client_id: 'my-app', scopes: ['openid', 'email', 'notes:read', 'notes:purge'] };
    expect(allowedScopes(registered, DEFAULT_SCOPE_DEFINITIONS)).toEqual(['openid', 'notes:read']);
    expect(allowedScopes(registered, purge)).toEqual(['openid', 'notes:read', 'notes:purge']);
  });

  it('RFC 6749 §5.2 the invalid_scope description says what the client may ask for, or that it may ask for none', () => {
    expect(whatClientMayAskFor('reporting-service', ['notes:read', 'notes:write'])).toBe('reporting-service may ask only for: notes:read notes:write');
    expect(whatClientMayAskFor('notes-api', [])).toBe('notes-api may ask for no scope in this run');
  });

  it('the consent page shows an undefined scope by its bare name', () => {
    expect(scopeMeaning('notes:purge', DEFAULT_SCOPE_DEFINITIONS)).toBe('notes:purge');
    // A name inherited by every object is not a definition.
    expect(scopeMeaning('constructor', DEFAULT_SCOPE_DEFINITIONS)).toBe('constructor');
  });
});
