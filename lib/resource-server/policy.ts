import type { Check } from '@/lib/timeline/events';
import type { AccountDirectory, Role } from './accounts';

/**
 * The Notes API's policy, written as data a person can read (and the sandbox
 * can show). Scopes are the client's delegation, not the user's rights: a
 * request needs the scope for its action AND the user's permission, which
 * comes from the user's role and the note's own conditions.
 */
export type Action = 'list' | 'read' | 'create' | 'update' | 'delete';
export const ACTIONS: readonly Action[] = ['list', 'read', 'create', 'update', 'delete'];

/** The scope each action needs (RFC 6750 §3.1: otherwise 403 insufficient_scope). */
export const REQUIRED_SCOPE: Record<Action, 'notes:read' | 'notes:write'> = {
  list: 'notes:read',
  read: 'notes:read',
  create: 'notes:write',
  update: 'notes:write',
  delete: 'notes:write',
};

/** How the caller stands to a note: the strongest that applies. */
export type Relation = 'owner' | 'shared-edit' | 'shared-read' | 'public' | 'none';

export interface PolicyRule {
  id: string;
  /** The rule in words: shown on the timeline and in a 403 problem body. */
  says: string;
  effect: 'allow' | 'deny';
  actions: readonly Action[];
  /** Who it applies to: users with one of these roles, or a service (a token with no user). Any caller when absent. */
  subject?: 'service' | readonly Role[];
  /** The caller's relation to the note. Any when absent. */
  relation?: readonly Relation[];
  /** Applies only to archived notes. */
  archived?: true;
}

const WRITE: readonly Action[] = ['create', 'update', 'delete'];
const ALL = ACTIONS;

/** The rules, in order: the first that matches decides. */
export const NOTES_POLICY: readonly PolicyRule[] = [
  { id: 'list-shows-readable', says: 'Anyone may list notes; the list holds only the notes they may read.', effect: 'allow', actions: ['list'] },
  { id: 'service-reads-public', says: 'A service (a client_credentials token, no user) may read notes marked public.', effect: 'allow', actions: ['read'], subject: 'service', relation: ['public'] },
  { id: 'service-has-no-user', says: 'A service token has no user behind it: it may only read notes marked public.', effect: 'deny', actions: ALL, subject: 'service' },
  { id: 'archived-read-only', says: 'Archived notes are read-only, whoever asks.', effect: 'deny', actions: ['update', 'delete'], archived: true },
  { id: 'viewer-read-only', says: 'A viewer reads notes and never writes, whatever scope the client holds.', effect: 'deny', actions: WRITE, subject: ['viewer'] },
  { id: 'admin-any-note', says: 'An admin may read and write any note.', effect: 'allow', actions: ALL, subject: ['admin'] },
  { id: 'editor-creates', says: 'An editor may create notes, which they then own.', effect: 'allow', actions: ['create'], subject: ['editor'] },
  { id: 'owner-full-access', says: 'The owner of a note may read, edit and delete it.', effect: 'allow', actions: ['read', 'update', 'delete'], relation: ['owner'] },
  { id: 'shared-for-editing', says: 'A note shared with edit rights may be read and edited.', effect: 'allow', actions: ['read', 'update'], relation: ['shared-edit'] },
  { id: 'only-owner-deletes', says: 'Only the owner of a note (or an admin) may delete it.', effect: 'deny', actions: ['delete'] },
  { id: 'shared-for-reading', says: 'A note shared read-only may be read, not edited.', effect: 'allow', actions: ['read'], relation: ['shared-read'] },
  { id: 'public-notes-readable', says: 'Anyone signed in may read a note marked public.', effect: 'allow', actions: ['read'], relation: ['public'] },
  { id: 'private-by-default', says: 'Nothing else is allowed: a note is private to its owner unless shared or public.', effect: 'deny', actions: ALL },
];

/** Who is asking: a user of the Notes API, or a service acting for itself (RFC 9068 §2.2: `sub` is the client). */
export type Subject = { kind: 'user'; userId: string; role: Role } | { kind: 'service'; clientId: string };

/** What the policy needs to know about a note. */
export interface NoteFacts {
  id: string;
  owner: string;
  public: boolean;
  archived: boolean;
  shares: readonly { userId: string; access: 'read' | 'edit' }[];
}

export function relationTo(subject: Subject, note: NoteFacts): Relation {
  if (subject.kind === 'user') {
    if (note.owner === subject.userId) return 'owner';
    const share = note.shares.find((s) => s.userId === subject.userId);
    if (share) return share.access === 'edit' ? 'shared-edit' : 'shared-read';
  }
  return note.public ? 'public' : 'none';
}

function matches(rule: PolicyRule, action: Action, subject: Subject, note: NoteFacts | undefined): boolean {
  if (!rule.actions.includes(action)) return false;
  if (rule.subject === 'service' && subject.kind !== 'service') return false;
  if (Array.isArray(rule.subject) && (subject.kind !== 'user' || !rule.subject.includes(subject.role))) return false;
  if (rule.relation && (!note || !rule.relation.includes(relationTo(subject, note)))) return false;
  if (rule.archived && !note?.archived) return false;
  return true;
}

export interface PolicyDecision {
  allowed: boolean;
  rule: PolicyRule;
  /** The role and resource checks, in order (the scope check comes before, see checkScope). */
  checks: Check[];
}

const RELATION_WORDS: Record<Relation, string> = {
  owner: 'owns it',
  'shared-edit': 'has it shared with edit rights',
  'shared-read': 'has it shared read-only',
  public: 'may see it because it is public',
  none: 'has no access to it (not owner, not shared, not public)',
};

/**
 * Resolves who is asking from a verified token: a client_credentials token
 * (sub = client_id) is a service; otherwise the user must have an account here.
 */
export function subjectOf(sub: string, clientId: string, accounts: AccountDirectory): Subject | undefined {
  if (sub === clientId) return { kind: 'service', clientId };
  const account = accounts(sub);
  return account && { kind: 'user', userId: account.userId, role: account.role };
}

/**
 * Decides whether the subject may do the action (on the note, if any) by the
 * first matching rule of {@link NOTES_POLICY}. Does not check scope (that
 * comes first, see checkScope) nor the token. Records no events.
 */
export function evaluatePolicy(subject: Subject, action: Action, note?: NoteFacts, policy: readonly PolicyRule[] = NOTES_POLICY): PolicyDecision {
  const checks: Check[] = [];
  checks.push({
    name: 'role',
    passed: true,
    reason: subject.kind === 'user' ? `${subject.userId} has the role ${subject.role} in the Notes API's directory` : `no user: ${subject.clientId} acts for itself as a service`,
  });
  if (note) {
    const who = subject.kind === 'user' ? subject.userId : subject.clientId;
    checks.push({ name: 'resource', passed: true, reason: `note ${note.id}: ${who} ${RELATION_WORDS[relationTo(subject, note)]}${note.archived ? '; the note is archived' : ''}` });
  }
  const rule = policy.find((r) => matches(r, action, subject, note)) ?? policy[policy.length - 1]!;
  const allowed = rule.effect === 'allow';
  checks.push({ name: 'rule', passed: allowed, reason: `${rule.id}: ${rule.says}` });
  return { allowed, rule, checks };
}

/** RFC 6750 §3.1: the scope the action needs must be in the token. */
export function checkScope(action: Action, scopes: readonly string[]): Check & { required: string } {
  const required = REQUIRED_SCOPE[action];
  const granted = scopes.length ? scopes.join(' ') : '(none)';
  return scopes.includes(required)
    ? { name: 'scope', passed: true, reason: `${action} needs ${required}; the token grants ${granted}`, required }
    : { name: 'scope', passed: false, reason: `${action} needs ${required}; the token grants only ${granted}`, required };
}

/** Not a rule of the table: a token for a user the Notes API has no account for. */
export const UNKNOWN_USER_RULE: PolicyRule = {
  id: 'unknown-user',
  says: 'The Notes API has no account for this user, so it knows no role for them.',
  effect: 'deny',
  actions: ALL,
};
