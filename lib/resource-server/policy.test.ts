import { describe, expect, it } from 'vitest';
import { accountDirectory } from './accounts';
import { checkScope, evaluatePolicy, NOTES_POLICY, subjectOf, type Action, type NoteFacts, type Subject } from './policy';

const accounts = accountDirectory();
const alice = subjectOf('alice', 'cli', accounts)!;
const bob = subjectOf('bob', 'cli', accounts)!;
const carol = subjectOf('carol', 'cli', accounts)!;
const service = subjectOf('reporting-service', 'reporting-service', accounts)!;

const note = (o: Partial<NoteFacts> = {}): NoteFacts => ({ id: 'n', owner: 'alice', public: false, archived: false, shares: [], ...o });
const own = note();
const bobSharedEdit = note({ owner: 'bob', shares: [{ userId: 'alice', access: 'edit' }] });
const bobSharedRead = note({ owner: 'bob', shares: [{ userId: 'alice', access: 'read' }] });
const carolPrivate = note({ owner: 'carol' });
const publicNote = note({ owner: 'carol', public: true });
const archived = note({ archived: true });

const rule = (s: Subject, a: Action, n?: NoteFacts) => {
  const d = evaluatePolicy(s, a, n);
  return `${d.allowed ? 'allow' : 'deny'} ${d.rule.id}`;
};

describe('Notes API policy (scopes are delegation; role and resource decide)', () => {
  it('every rule is written out in words', () => {
    for (const r of NOTES_POLICY) expect(r.says.length).toBeGreaterThan(20);
    expect(new Set(NOTES_POLICY.map((r) => r.id)).size).toBe(NOTES_POLICY.length);
  });

  it.each<[string, Subject, Action, NoteFacts | undefined, string]>([
    ['an editor reads her own note', alice, 'read', own, 'allow owner-full-access'],
    ['an editor edits her own note', alice, 'update', own, 'allow owner-full-access'],
    ['an editor deletes her own note', alice, 'delete', own, 'allow owner-full-access'],
    ['an editor creates a note', alice, 'create', undefined, 'allow editor-creates'],
    ['an editor edits a note shared with edit rights', alice, 'update', bobSharedEdit, 'allow shared-for-editing'],
    ['an editor may not delete a note shared with edit rights', alice, 'delete', bobSharedEdit, 'deny only-owner-deletes'],
    ['an editor reads a note shared read-only', alice, 'read', bobSharedRead, 'allow shared-for-reading'],
    ['an editor may not edit a note shared read-only', alice, 'update', bobSharedRead, 'deny private-by-default'],
    ["an editor may not read another user's private note", alice, 'read', carolPrivate, 'deny private-by-default'],
    ['a user reads a public note', alice, 'read', publicNote, 'allow public-notes-readable'],
    ['an archived note is read-only, even for its owner', alice, 'update', archived, 'deny archived-read-only'],
    ['an archived note cannot be deleted', alice, 'delete', archived, 'deny archived-read-only'],
    ['an archived note is read-only, even for an admin', carol, 'update', archived, 'deny archived-read-only'],
    ['an archived note can still be read', alice, 'read', archived, 'allow owner-full-access'],
    ['a viewer reads his own note', bob, 'read', bobSharedEdit, 'allow owner-full-access'],
    ['a viewer never edits, not even his own note', bob, 'update', bobSharedEdit, 'deny viewer-read-only'],
    ['a viewer never creates', bob, 'create', undefined, 'deny viewer-read-only'],
    ['an admin edits any note', carol, 'update', bobSharedRead, 'allow admin-any-note'],
    ['an admin deletes any note', carol, 'delete', own, 'allow admin-any-note'],
    ["an admin reads any note", carol, 'read', own, 'allow admin-any-note'],
    ['a service reads a public note', service, 'read', publicNote, 'allow service-reads-public'],
    ['a service may not read a private note', service, 'read', own, 'deny service-has-no-user'],
    ['a service may not create', service, 'create', undefined, 'deny service-has-no-user'],
    ['a service may not edit a public note', service, 'update', publicNote, 'deny service-has-no-user'],
    ['anyone may list (the list is filtered)', bob, 'list', undefined, 'allow list-shows-readable'],
  ])('%s', (_name, subject, action, n, expected) => {
    expect(rule(subject, action, n)).toBe(expected);
  });

  it('records role, resource and rule checks in order, naming the relation', () => {
    const d = evaluatePolicy(alice, 'delete', bobSharedEdit);
    expect(d.checks).toEqual([
      { name: 'role', passed: true, reason: "alice has the role editor in the Notes API's directory" },
      { name: 'resource', passed: true, reason: 'note n: alice has it shared with edit rights' },
      { name: 'rule', passed: false, reason: 'only-owner-deletes: Only the owner of a note (or an admin) may delete it.' },
    ]);
  });

  it('RFC 9068 §2.2 a token whose sub is its client_id is a service; an unknown user has no subject', () => {
    expect(service).toEqual({ kind: 'service', clientId: 'reporting-service' });
    expect(subjectOf('dave', 'cli', accounts)).toBeUndefined();
  });
});

describe('RFC 6750 §3.1 scope per action', () => {
  it.each<[Action, string]>([
    ['list', 'notes:read'],
    ['read', 'notes:read'],
    ['create', 'notes:write'],
    ['update', 'notes:write'],
    ['delete', 'notes:write'],
  ])('%s needs %s', (action, scope) => {
    expect(checkScope(action, [scope])).toMatchObject({ passed: true, required: scope });
    expect(checkScope(action, [])).toMatchObject({ passed: false, required: scope });
  });

  it('notes:write does not imply notes:read', () => {
    expect(checkScope('read', ['notes:write'])).toEqual({ name: 'scope', passed: false, reason: 'read needs notes:read; the token grants only notes:write', required: 'notes:read' });
  });
});
