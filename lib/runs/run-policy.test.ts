import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/store/db';
import { parsePolicyUpdate, readRunPolicy, saveRunPolicy, MAX_POLICY_BYTES } from './run-policy';

const DEFAULT_ACTIONS = { list: ['notes:read'], read: ['notes:read'], create: ['notes:write'], update: ['notes:write'], delete: ['notes:write'] };
const base = () => ({
  scopes: { 'notes:read': 'Read your notes', 'notes:write': 'Write your notes' } as Record<string, unknown>,
  actions: { ...DEFAULT_ACTIONS } as Record<string, unknown>,
  rules: [] as unknown[],
});
const refused = (doc: unknown) => {
  const r = parsePolicyUpdate(typeof doc === 'string' ? doc : JSON.stringify(doc));
  return r.ok ? 'accepted' : `${r.field}: ${r.message}`;
};

describe('the policy document (PUT /api/runs/current/policy): every error names its field', () => {
  it('accepts the lesson’s policy: notes:purge for delete, an office-hours rule', () => {
    const doc = base();
    doc.scopes['notes:purge'] = 'Delete notes for good';
    doc.actions.delete = ['notes:purge'];
    doc.rules = [{ id: 'office-hours', says: 'Notes are deleted only during office hours.', actions: ['delete'], clock: { outside_hours: [9, 17] } }];
    const r = parsePolicyUpdate(JSON.stringify(doc));
    expect(r).toEqual({
      ok: true,
      definitions: {
        'notes:read': { meaning: 'Read your notes', clients: ['notes-assistant', 'cli'] },
        'notes:write': { meaning: 'Write your notes', clients: ['notes-assistant', 'cli'] },
        'notes:purge': { meaning: 'Delete notes for good', clients: ['notes-assistant', 'cli'] },
      },
      policy: { actions: { ...DEFAULT_ACTIONS, delete: ['notes:purge'] }, rules: doc.rules },
    });
  });

  it.each<[string, (d: ReturnType<typeof base>) => unknown, string]>([
    ['RFC 6749 §3.3 a scope name with a space', (d) => ({ ...d, scopes: { ...d.scopes, 'notes purge': 'x' } }), 'scopes.notes purge: is not a scope-token (RFC 6749 §3.3: printable ASCII, no space, no " or \\)'],
    ['a scope name with a double quote', (d) => ({ ...d, scopes: { ...d.scopes, 'a"b': 'x' } }), 'scopes.a"b: is not a scope-token (RFC 6749 §3.3: printable ASCII, no space, no " or \\)'],
    ['a scope name with a non-ASCII letter', (d) => ({ ...d, scopes: { ...d.scopes, 'notes:lösch': 'x' } }), 'scopes.notes:lösch: is not a scope-token (RFC 6749 §3.3: printable ASCII, no space, no " or \\)'],
    ['a standard OpenID scope redefined', (d) => ({ ...d, scopes: { ...d.scopes, openid: 'Anything' } }), 'scopes.openid: is a standard OpenID Connect scope: its meaning is the standard’s and cannot be redefined'],
    ['email, standard though not offered here', (d) => ({ ...d, scopes: { ...d.scopes, email: 'Mine' } }), 'scopes.email: is a standard OpenID Connect scope: its meaning is the standard’s and cannot be redefined'],
    ['an empty meaning', (d) => ({ ...d, scopes: { ...d.scopes, 'notes:read': ' ' } }), 'scopes.notes:read.meaning: must say in plain words what the scope lets a client do'],
    ['an unknown client', (d) => ({ ...d, scopes: { ...d.scopes, 'notes:read': { meaning: 'Read', clients: ['mallory'] } } }), 'scopes.notes:read.clients: "mallory" is not a client that asks for scopes (notes-assistant, cli, reporting-service)'],
    ['an action left without a scope', (d) => ({ ...d, actions: { ...d.actions, delete: [] } }), 'actions.delete: names no scope: every action must need at least one, or any token could delete notes'],
    ['an action missing', (d) => ({ ...d, actions: { list: ['notes:read'] } }), 'actions.read: names no scope: every action must need at least one, or any token could read notes'],
    ['an unknown scope in an action', (d) => ({ ...d, actions: { ...d.actions, delete: ['notes:purge'] } }), 'actions.delete: notes:purge is not a scope this run defines'],
    ['an unknown action', (d) => ({ ...d, actions: { ...d.actions, archive: ['notes:write'] } }), 'actions.archive: is not an action of the Notes API (list, read, create, update, delete)'],
    ['a defined scope nothing uses (a policy that references nothing)', (d) => ({ ...d, scopes: { ...d.scopes, 'notes:purge': 'Delete for good' } }), 'scopes.notes:purge: is defined but no action or rule uses it: the Notes API would give it no meaning'],
    ['a rule with no action can never match', (d) => ({ ...d, rules: [{ id: 'r', says: 'Never mind.', actions: [] }] }), 'rules[0].actions: names no action, so the rule can never match'],
    ['a rule on a note for list only can never match', (d) => ({ ...d, rules: [{ id: 'r', says: 'Never mind.', actions: ['list'], note: { archived: true } }] }), 'rules[0].note: names a note condition, but list concern no one note, so the rule can never match'],
    ['a rule with an empty span of hours', (d) => ({ ...d, rules: [{ id: 'r', says: 'Never mind.', actions: ['delete'], clock: { within_hours: [9, 9] } }] }), 'rules[0].clock.within_hours: is an empty span of hours: from and to are equal'],
    ['a rule with no roles', (d) => ({ ...d, rules: [{ id: 'r', says: 'Never mind.', actions: ['delete'], roles: [] }] }), 'rules[0].roles: is empty, so the rule can never match (leave it out to cover everyone)'],
    ['a rule naming an unknown scope', (d) => ({ ...d, rules: [{ id: 'r', says: 'Never mind.', actions: ['delete'], scopes: ['notes:purge'] }] }), 'rules[0].scopes: notes:purge is not a scope this run defines'],
    ['two rules with one id', (d) => ({ ...d, rules: [{ id: 'r', says: 'First one.', actions: ['delete'] }, { id: 'r', says: 'Second one.', actions: ['update'] }] }), 'rules[1].id: r is the id of an earlier rule'],
    ['a rule with a field of its own', (d) => ({ ...d, rules: [{ id: 'r', says: 'Never mind.', actions: ['delete'], effect: 'allow' }] }), 'rules[0].effect: is not a field of a rule (id, says, actions, roles, scopes, note, clock)'],
    ['rules not an array', (d) => ({ ...d, rules: {} }), 'rules: must be an array of rules (it may be empty)'],
    ['a member that is not part of a policy', (d) => ({ ...d, extra: 1 }), 'extra: is not part of a policy (scopes, actions, rules)'],
    ['scopes missing', (d) => ({ actions: d.actions, rules: d.rules }), 'scopes: is missing'],
    ['a body that is an array', () => [], '(body): must be a JSON object {"scopes": {...}, "actions": {...}, "rules": [...]}'],
  ])('%s', (_name, change, expected) => {
    expect(refused(change(base()))).toBe(expected);
  });

  it('RFC 8259 §4 a scope named twice in the document is refused, not silently collapsed', () => {
    expect(refused('{"scopes": {"notes:read": "A", "notes:write": "W", "notes:read": "B"}, "actions": {}, "rules": []}')).toBe('scopes.notes:read: appears more than once');
  });

  it('refuses text that is not JSON, a deeply nested document and an oversized one', () => {
    expect(refused('{"scopes": ')).toBe('(body): is not valid JSON');
    const d = base();
    expect(refused({ ...d, rules: [{ id: 'r', says: 'Deep rule.', actions: ['delete'], note: { relation: [[[[['x']]]]] } }] })).toBe('rules.0.note.relation.0.0: is nested deeper than 6 levels');
    expect(refused({ ...d, scopes: { ...d.scopes, pad: 'x'.repeat(MAX_POLICY_BYTES) } })).toBe(`(body): is larger than ${MAX_POLICY_BYTES} bytes`);
  });

  it('a standard scope shown by GET may be sent back unchanged; GET then PUT round-trips', () => {
    const db = openDb(':memory:');
    const shown = readRunPolicy(db, 'run-aaaaaaaaaaaaaaaaaaaaaa');
    expect(shown.scopes.openid).toEqual({ meaning: 'Confirm who you are (an ID token with your user id)', standard: true });
    const again = parsePolicyUpdate(JSON.stringify(shown));
    expect(again.ok).toBe(true);
    if (again.ok) saveRunPolicy(db, 'run-aaaaaaaaaaaaaaaaaaaaaa', again, Date.now);
    expect(readRunPolicy(db, 'run-aaaaaaaaaaaaaaaaaaaaaa')).toEqual(shown);
  });
});
