import { describe, expect, it } from 'vitest';
import { accountDirectory } from './accounts';
import { checkScope, evaluatePolicy, subjectOf, type Action, type NoteFacts, type PolicyContext, type Subject } from './policy';
import type { PolicyRule } from './policy-document';

const accounts = accountDirectory();
const alice = subjectOf('alice', 'cli', accounts)!;
const bob = subjectOf('bob', 'cli', accounts)!;
const carol = subjectOf('carol', 'cli', accounts)!;
const service = subjectOf('reporting-service', 'reporting-service', accounts)!;

const note = (o: Partial<NoteFacts> = {}): NoteFacts => ({ id: 'n', owner: 'alice', public: false, archived: false, shares: [], ...o });
const own = note();
const bobSharedEdit = note({ id: 'n4', owner: 'bob', shares: [{ userId: 'alice', access: 'edit' }] });
const bobSharedRead = note({ id: 'n5', owner: 'bob', shares: [{ userId: 'alice', access: 'read' }] });
const bobSharedReadAndPublic = note({ id: 'n8', owner: 'bob', public: true, shares: [{ userId: 'alice', access: 'read' }] });
const carolPrivate = note({ id: 'n6', owner: 'carol' });
const publicNote = note({ id: 'n7', owner: 'carol', public: true });
const archived = note({ id: 'n3', archived: true });

// 2026-11-30T14:00:00Z and 22:00:00Z, from the calendar, not from the code.
const TWO_PM = Date.UTC(2026, 10, 30, 14) / 1000;
const TEN_PM = Date.UTC(2026, 10, 30, 22) / 1000;
const ctx = (o: Partial<PolicyContext> = {}): PolicyContext => ({ scopes: ['notes:read', 'notes:write'], now: TWO_PM, rules: [], ...o });

const outcome = (s: Subject, a: Action, n?: NoteFacts, c: PolicyContext = ctx()) => {
  const d = evaluatePolicy(s, a, n, c);
  return d.refusedBy ? `deny ${d.refusedBy.step} ${d.refusedBy.id}` : 'allow';
};

describe('Notes API policy: scope ∩ role ∩ the note’s own conditions ∩ the run’s rules', () => {
  it.each<[string, Subject, Action, NoteFacts | undefined, string]>([
    ['an editor reads her own note', alice, 'read', own, 'allow'],
    ['an editor deletes her own note', alice, 'delete', own, 'allow'],
    ['an editor creates a note', alice, 'create', undefined, 'allow'],
    ['an editor edits a note shared with edit rights', alice, 'update', bobSharedEdit, 'allow'],
    ['an editor may not delete a note shared with edit rights', alice, 'delete', bobSharedEdit, 'deny note only-owner-deletes'],
    ['an editor reads a note shared read-only', alice, 'read', bobSharedRead, 'allow'],
    ['an editor may not edit a note shared read-only', alice, 'update', bobSharedRead, 'deny note shared-read-only'],
    ['sharing is named before public: a note shared read-only and public', alice, 'update', bobSharedReadAndPublic, 'deny note shared-read-only'],
    ["an editor may not read another user's private note", alice, 'read', carolPrivate, 'deny note private-note'],
    ['a user reads a public note', alice, 'read', publicNote, 'allow'],
    ['a user may not edit a public note of someone else', alice, 'update', publicNote, 'deny note public-read-only'],
    ['an archived note is read-only, even for its owner', alice, 'update', archived, 'deny note archived-read-only'],
    ['an archived note is read-only, even for an admin', carol, 'delete', archived, 'deny note archived-read-only'],
    ['an archived note can still be read', alice, 'read', archived, 'allow'],
    ['a viewer reads a note he owns', bob, 'read', bobSharedEdit, 'allow'],
    ['a viewer never edits, not even his own note: the role step refuses', bob, 'update', bobSharedEdit, 'deny role role-viewer'],
    ['a viewer never creates', bob, 'create', undefined, 'deny role role-viewer'],
    ['an admin edits any note', carol, 'update', bobSharedRead, 'allow'],
    ['an admin reads a private note of someone else', carol, 'read', own, 'allow'],
    ['a service reads a public note', service, 'read', publicNote, 'allow'],
    ['a service may not read a private note', service, 'read', own, 'deny note service-public-only'],
    ['a service may not create: the role step refuses', service, 'create', undefined, 'deny role role-service'],
    ['anyone may list (the list is filtered)', bob, 'list', undefined, 'allow'],
  ])('%s', (_name, subject, action, n, expected) => {
    expect(outcome(subject, action, n)).toBe(expected);
  });

  it('issue 9 item 8: bob, a viewer, is refused at the role step, which names his role; no later rule is reached', () => {
    expect(evaluatePolicy(bob, 'update', bobSharedEdit, ctx())).toEqual({
      allowed: false,
      refusedBy: { step: 'role', id: 'role-viewer', fact: 'bob is a viewer: a viewer may list and read notes, not edit them' },
      checks: [{ name: 'role', passed: false, reason: 'bob is a viewer: a viewer may list and read notes, not edit them' }],
    });
  });

  it('each step names the one fact that decided it, in order', () => {
    expect(evaluatePolicy(alice, 'delete', bobSharedEdit, ctx()).checks).toEqual([
      { name: 'role', passed: true, reason: 'alice is an editor: an editor may list, read, create, edit and delete notes' },
      { name: 'note', passed: false, reason: 'bob shared note n4 with alice for editing, not deleting: only its owner may delete it' },
    ]);
    expect(evaluatePolicy(alice, 'read', bobSharedRead, ctx()).checks).toEqual([
      { name: 'role', passed: true, reason: 'alice is an editor: an editor may list, read, create, edit and delete notes' },
      { name: 'note', passed: true, reason: 'bob shared note n5 with alice read-only' },
      { name: 'rule', passed: true, reason: 'this run adds no rules of its own' },
    ]);
  });

  it.each<[string, Subject, Action, NoteFacts, string]>([
    ['a shared note is named as shared, not as private', alice, 'read', bobSharedRead, 'bob shared note n5 with alice read-only'],
    ['a public note is named as public', alice, 'read', publicNote, 'note n7 is public: anyone signed in may read it'],
    ['a private note names its owner and that it is not shared', alice, 'read', carolPrivate, "note n6 is carol's and private: not shared with alice, not public"],
    ['an owned note', alice, 'update', own, 'alice owns note n'],
    ['archived', alice, 'update', archived, 'note n3 is archived: an archived note is read-only, whoever asks'],
    ['admin', carol, 'update', bobSharedRead, "carol is an admin: an admin may edit any note, bob's n5 included"],
    ['service and a private note', service, 'read', own, 'note n is not public: a service (no user) reads public notes only'],
  ])('wording of the note step: %s', (_name, s, a, n, reason) => {
    expect(evaluatePolicy(s, a, n, ctx()).checks[1]).toMatchObject({ name: 'note', reason });
  });

  const officeHours: PolicyRule = { id: 'office-hours', says: 'Notes are deleted only during office hours.', actions: ['delete'], clock: { outside_hours: [9, 17] } };

  it('a run rule on the clock refuses outside its hours, naming the rule and the clock', () => {
    expect(outcome(alice, 'delete', own, ctx({ rules: [officeHours] }))).toBe('allow');
    const late = evaluatePolicy(alice, 'delete', own, ctx({ rules: [officeHours], now: TEN_PM }));
    expect(late.refusedBy).toEqual({
      step: 'rule',
      id: 'office-hours',
      fact: "office-hours: Notes are deleted only during office hours. (the run's clock says 22:00 UTC, outside 09:00-17:00)",
    });
    expect(evaluatePolicy(alice, 'read', own, ctx({ rules: [officeHours], now: TEN_PM })).checks[2]).toEqual({ name: 'rule', passed: true, reason: "none of this run's rules (office-hours) covers this request" });
  });

  it('a span across midnight: within_hours [22, 6] holds at 22:00, not at 14:00', () => {
    const night: PolicyRule = { id: 'night', says: 'Nothing is edited at night.', actions: ['update'], clock: { within_hours: [22, 6] } };
    expect(outcome(alice, 'update', own, ctx({ rules: [night], now: TEN_PM }))).toBe('deny rule night');
    expect(outcome(alice, 'update', own, ctx({ rules: [night] }))).toBe('allow');
  });

  it('rule conditions on role, scope and the note must all hold', () => {
    const purge: PolicyRule = { id: 'purge-own', says: 'notes:purge deletes only notes of your own.', actions: ['delete'], roles: ['admin'], scopes: ['notes:purge'], note: { relation: ['none', 'public'] } };
    const withPurge = ctx({ scopes: ['notes:purge'], rules: [purge] });
    expect(outcome(carol, 'delete', carolPrivate, withPurge)).toBe('allow'); // her own note: relation owner
    expect(outcome(carol, 'delete', own, withPurge)).toBe('deny rule purge-own');
    expect(outcome(carol, 'delete', own, ctx({ rules: [purge] }))).toBe('allow'); // token without notes:purge
    expect(outcome(alice, 'delete', own, withPurge)).toBe('allow'); // not an admin
  });
});

describe('RFC 6750 §3.1 scope per action', () => {
  it.each<[Action, string]>([
    ['list', 'notes:read'],
    ['read', 'notes:read'],
    ['create', 'notes:write'],
    ['update', 'notes:write'],
    ['delete', 'notes:write'],
  ])('by default %s needs %s', (action, scope) => {
    expect(checkScope(action, [scope])).toMatchObject({ passed: true, required: [scope] });
    expect(checkScope(action, [])).toMatchObject({ passed: false, required: [scope] });
  });

  it('notes:write does not imply notes:read', () => {
    expect(checkScope('read', ['notes:write'])).toEqual({ name: 'scope', passed: false, reason: 'read needs notes:read; the token grants only notes:write', required: ['notes:read'] });
  });

  it("follows the run's actions: delete needing notes:purge refuses a token with notes:write", () => {
    const actions = { list: ['notes:read'], read: ['notes:read'], create: ['notes:write'], update: ['notes:write'], delete: ['notes:purge'] };
    expect(checkScope('delete', ['notes:write'], { actions })).toEqual({ name: 'scope', passed: false, reason: 'delete needs notes:purge; the token grants only notes:write', required: ['notes:purge'] });
    expect(checkScope('update', ['notes:write', 'notes:purge'], { actions, ...{} }).passed).toBe(true);
  });

  it('any one of several scopes suffices', () => {
    const actions = { list: ['notes:read'], read: ['notes:read', 'notes:write'], create: ['notes:write'], update: ['notes:write'], delete: ['notes:write'] };
    expect(checkScope('read', ['notes:write'], { actions })).toMatchObject({ passed: true, reason: 'read needs one of notes:read, notes:write; the token grants notes:write' });
  });
});

describe('mutation testing (npm run mutation): a run rule’s archived and public conditions', () => {
  // A rule's note condition matches only notes with that fact (lib/resource-server/policy-document.ts);
  // reading is allowed by the note step for both notes, so the rule alone decides.
  it('a rule on archived notes refuses reading an archived note and leaves a live one alone', () => {
    const frozen: PolicyRule = { id: 'no-archive-reading', says: 'Archived notes are not read.', actions: ['read'], note: { archived: true } };
    expect(outcome(alice, 'read', archived, ctx({ rules: [frozen] }))).toBe('deny rule no-archive-reading');
    expect(outcome(alice, 'read', own, ctx({ rules: [frozen] }))).toBe('allow');
  });

  it('a rule on public notes refuses reading a public note and leaves a private one alone', () => {
    const noPublic: PolicyRule = { id: 'no-public-reading', says: 'Public notes are not read here.', actions: ['read'], note: { public: true } };
    expect(outcome(alice, 'read', publicNote, ctx({ rules: [noPublic] }))).toBe('deny rule no-public-reading');
    expect(outcome(carol, 'read', own, ctx({ rules: [noPublic] }))).toBe('allow');
  });
});
