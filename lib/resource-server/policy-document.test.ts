import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, MAX_RULES, validateNotesPolicy } from './policy-document';

/**
 * The run's policy document (actions and rules), validated field by field. The field a refusal
 * names is what a client acts on (the message is for people), so these tests assert the field,
 * and for accepted documents the exact policy that comes out. lib/runs/run-policy.test.ts
 * covers the same validation through the whole PUT document.
 */
const SCOPES = ['notes:read', 'notes:write'];
const rule = (o: Record<string, unknown> = {}) => ({ id: 'r', says: 'A rule in words.', actions: ['delete'], ...o });
const check = (doc: { actions?: unknown; rules?: unknown }) => {
  const r = validateNotesPolicy({ actions: DEFAULT_POLICY.actions, rules: [], ...doc }, SCOPES);
  return r.ok ? 'accepted' : r.field;
};
const accepted = (rules: unknown[]) => {
  const r = validateNotesPolicy({ actions: DEFAULT_POLICY.actions, rules }, SCOPES);
  if (!r.ok) throw new Error(`refused at ${r.field}: ${r.message}`);
  return r.policy.rules;
};

describe('the Notes API policy document: every refusal names its field', () => {
  it(`holds at most ${MAX_RULES} rules`, () => {
    const rules = (n: number) => Array.from({ length: n }, (_, i) => rule({ id: `r${i}` }));
    expect(check({ rules: rules(20) })).toBe('accepted');
    expect(check({ rules: rules(21) })).toBe('rules');
  });

  it.each([[[]], [null], ['notes:read']])('refuses actions that are not an object: %j', (actions) => {
    expect(check({ actions })).toBe('actions');
  });

  it('refuses an action whose scopes are not a list of distinct strings', () => {
    expect(check({ actions: { ...DEFAULT_POLICY.actions, list: 'notes:read' } })).toBe('actions.list');
    expect(check({ actions: { ...DEFAULT_POLICY.actions, list: ['notes:read', 7] } })).toBe('actions.list');
    expect(check({ actions: { ...DEFAULT_POLICY.actions, list: ['notes:read', 'notes:read'] } })).toBe('actions.list');
  });

  it.each<[string, unknown, string]>([
    ['a rule that is not an object', 'no deleting', 'rules[0]'],
    ['a rule that is an array', [], 'rules[0]'],
    ['an id with capitals and a space', rule({ id: 'Office Hours' }), 'rules[0].id'],
    ['an id that is not a string', rule({ id: 7 }), 'rules[0].id'],
    ['says in fewer than 5 characters', rule({ says: ' No. ' }), 'rules[0].says'],
    ['says in more than 200 characters', rule({ says: 'x'.repeat(201) }), 'rules[0].says'],
    ['actions not a list', rule({ actions: 'delete' }), 'rules[0].actions'],
    ['an unknown action', rule({ actions: ['archive'] }), 'rules[0].actions'],
    ['an unknown role', rule({ roles: ['guest'] }), 'rules[0].roles'],
    ['roles not a list', rule({ roles: 'viewer' }), 'rules[0].roles'],
    ['scopes not a list', rule({ scopes: 'notes:read' }), 'rules[0].scopes'],
    ['an empty scope list', rule({ scopes: [] }), 'rules[0].scopes'],
    ['RFC 6749 §3.3 a scope that is not a scope-token', rule({ scopes: ['notes read'] }), 'rules[0].scopes'],
    ['a clock that is not an object', rule({ clock: 'office hours' }), 'rules[0].clock'],
    ['a clock that is an array', rule({ clock: [9, 17] }), 'rules[0].clock'],
    ['a clock with both spans', rule({ clock: { outside_hours: [9, 17], within_hours: [1, 2] } }), 'rules[0].clock'],
    ['a clock with an unknown span', rule({ clock: { sometimes: [9, 17] } }), 'rules[0].clock'],
    ['an hour past 24', rule({ clock: { outside_hours: [9, 25] } }), 'rules[0].clock.outside_hours'],
    ['an hour before 0', rule({ clock: { within_hours: [-1, 3] } }), 'rules[0].clock.within_hours'],
    ['a fractional hour', rule({ clock: { outside_hours: [9.5, 17] } }), 'rules[0].clock.outside_hours'],
    ['one hour, not two', rule({ clock: { outside_hours: [9] } }), 'rules[0].clock.outside_hours'],
    ['three hours', rule({ clock: { outside_hours: [9, 12, 17] } }), 'rules[0].clock.outside_hours'],
    ['a note condition that is not an object', rule({ note: 'archived' }), 'rules[0].note'],
    ['a note condition of its own', rule({ note: { owner: 'alice' } }), 'rules[0].note.owner'],
    ['an empty relation list', rule({ note: { relation: [] } }), 'rules[0].note.relation'],
    ['an unknown relation', rule({ note: { relation: ['friend'] } }), 'rules[0].note.relation'],
    ['archived not a boolean', rule({ note: { archived: 'yes' } }), 'rules[0].note.archived'],
    ['public not a boolean', rule({ note: { public: 0 } }), 'rules[0].note.public'],
    ['a note both public (relation) and not public', rule({ note: { relation: ['public'], public: false } }), 'rules[0].note'],
  ])('refuses %s', (_name, raw, field) => {
    expect(check({ rules: [raw] })).toBe(field);
  });

  it('accepts the edges: says of 5 and of 200 characters, hours 0 and 24, a relation list that only includes public', () => {
    expect(check({ rules: [rule({ says: 'Five.' })] })).toBe('accepted');
    expect(check({ rules: [rule({ says: 'x'.repeat(200) })] })).toBe('accepted');
    expect(check({ rules: [rule({ clock: { within_hours: [0, 24] } })] })).toBe('accepted');
    expect(check({ rules: [rule({ note: { relation: ['public', 'owner'], public: false } })] })).toBe('accepted');
    expect(check({ rules: [rule({ note: { relation: ['public'], public: true } })] })).toBe('accepted');
  });

  it('keeps each condition as sent: within or outside hours, roles, scopes, the note, says trimmed', () => {
    expect(
      accepted([
        rule({ id: 'a', says: '  Only by day.  ', clock: { within_hours: [9, 17] } }),
        rule({ id: 'b', clock: { outside_hours: [22, 6] }, roles: ['service', 'viewer'], scopes: ['notes:write'] }),
        rule({ id: 'c', actions: ['read', 'list'], note: { relation: ['shared-read'], archived: true, public: false } }),
      ]),
    ).toEqual([
      { id: 'a', says: 'Only by day.', actions: ['delete'], clock: { within_hours: [9, 17] } },
      { id: 'b', says: 'A rule in words.', actions: ['delete'], roles: ['service', 'viewer'], scopes: ['notes:write'], clock: { outside_hours: [22, 6] } },
      { id: 'c', says: 'A rule in words.', actions: ['read', 'list'], note: { relation: ['shared-read'], archived: true, public: false } },
    ]);
  });
});
