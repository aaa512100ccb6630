import { describe, expect, it } from 'vitest';
import { decisionTable } from './decision-table';
import { DEFAULT_POLICY, type NotesPolicy } from './policy-document';

const cell = (p: NotesPolicy, asker: string, action: string) => {
  const c = decisionTable(p).find((x) => x.asker === asker && x.action === action)!;
  return [c.scopes.join(' ') || '—', c.never ?? '', c.unless.join(',')].join(' | ');
};

describe('the decision table: for each role and action, which scopes allow it', () => {
  it('the default policy', () => {
    expect(cell(DEFAULT_POLICY, 'viewer', 'read')).toBe('notes:read |  | ');
    expect(cell(DEFAULT_POLICY, 'viewer', 'update')).toBe('— | role: viewer | ');
    expect(cell(DEFAULT_POLICY, 'editor', 'delete')).toBe('notes:write |  | ');
    expect(cell(DEFAULT_POLICY, 'service', 'create')).toBe('— | role: service | ');
    expect(decisionTable(DEFAULT_POLICY)).toHaveLength(4 * 5);
  });

  it('a custom scope, a rule on a scope, a blanket rule and a clock rule', () => {
    const p: NotesPolicy = {
      actions: { ...DEFAULT_POLICY.actions, delete: ['notes:purge', 'notes:write'] },
      rules: [
        { id: 'no-admin-purge', says: 'Admins may not purge.', actions: ['delete'], roles: ['admin'], scopes: ['notes:purge'] },
        { id: 'editors-never-create', says: 'Editors may not create.', actions: ['create'], roles: ['editor'] },
        { id: 'office-hours', says: 'Only in office hours.', actions: ['delete'], clock: { outside_hours: [9, 17] } },
      ],
    };
    expect(cell(p, 'editor', 'delete')).toBe('notes:purge notes:write |  | office-hours');
    expect(cell(p, 'admin', 'delete')).toBe('notes:write |  | office-hours');
    expect(cell(p, 'editor', 'create')).toBe('— | rule: editors-never-create | ');
    expect(cell(p, 'admin', 'create')).toBe('notes:write |  | ');
  });
});

describe('mutation testing (npm run mutation): a rule that takes away every scope of an action', () => {
  it('names the rule as the reason no scope allows the action, and keeps the cells it does not cover', () => {
    // The default policy lets read through with notes:read only; a rule refusing viewers who hold
    // notes:read leaves a viewer no scope to read with: the cell says never, by that rule.
    const p: NotesPolicy = {
      actions: DEFAULT_POLICY.actions,
      rules: [{ id: 'viewers-read-nothing', says: 'Viewers may not read.', actions: ['read'], roles: ['viewer'], scopes: ['notes:read'] }],
    };
    expect(cell(p, 'viewer', 'read')).toBe('— | rule: viewers-read-nothing | ');
    expect(cell(p, 'editor', 'read')).toBe('notes:read |  | ');
    expect(cell(p, 'viewer', 'list')).toBe('notes:read |  | ');
  });
});
