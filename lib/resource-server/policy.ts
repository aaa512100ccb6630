import type { Check } from '@/lib/timeline/events';
import type { AccountDirectory } from './accounts';
import { DEFAULT_POLICY, type Action, type Asker, type NotesPolicy, type PolicyRule, type Relation } from './policy-document';

export { ACTIONS, type Action, type Relation } from './policy-document';

/**
 * The Notes API's decision, in the order it is read: scope (what the client
 * was delegated) ∩ role (what this user may do) ∩ the note's own conditions
 * (owner, sharing, archived, public) ∩ the run's own rules. Each step's
 * check names the one fact that decided it; the first step that refuses
 * ends the decision and is named in the 403.
 */

/** Who is asking: a user of the Notes API, or a service acting for itself (RFC 9068 §2.2: `sub` is the client). */
export type Subject = { kind: 'user'; userId: string; role: 'viewer' | 'editor' | 'admin' } | { kind: 'service'; clientId: string };

/** What the policy needs to know about a note. */
export interface NoteFacts {
  id: string;
  owner: string;
  public: boolean;
  archived: boolean;
  shares: readonly { userId: string; access: 'read' | 'edit' }[];
}

/** What each asker may do at all, whatever the note: the role step. */
export const ROLE_ACTIONS: Record<Asker, readonly Action[]> = {
  viewer: ['list', 'read'],
  editor: ['list', 'read', 'create', 'update', 'delete'],
  admin: ['list', 'read', 'create', 'update', 'delete'],
  service: ['list', 'read'],
};

const ROLE_WORDS: Record<Asker, string> = {
  viewer: 'a viewer may list and read notes',
  editor: 'an editor may list, read, create, edit and delete notes',
  admin: 'an admin may list, read, create, edit and delete any note',
  service: 'a service (a token with no user) may list and read public notes',
};

/** The verb of an action in a sentence. */
export const VERB: Record<Action, string> = { list: 'list', read: 'read', create: 'create', update: 'edit', delete: 'delete' };

function relationTo(subject: Subject, note: NoteFacts): Relation {
  if (subject.kind === 'user') {
    if (note.owner === subject.userId) return 'owner';
    const share = note.shares.find((s) => s.userId === subject.userId);
    if (share) return share.access === 'edit' ? 'shared-edit' : 'shared-read';
  }
  return note.public ? 'public' : 'none';
}

/**
 * Resolves who is asking from a verified token: a client_credentials token
 * (sub = client_id) is a service; otherwise the user must have an account here.
 */
export function subjectOf(sub: string, clientId: string, accounts: AccountDirectory): Subject | undefined {
  if (sub === clientId) return { kind: 'service', clientId };
  const account = accounts(sub);
  return account && { kind: 'user', userId: account.userId, role: account.role };
}

const askerOf = (s: Subject): Asker => (s.kind === 'user' ? s.role : 'service');
const nameOf = (s: Subject) => (s.kind === 'user' ? s.userId : s.clientId);

/** RFC 6750 §3.1: one of the scopes the action needs must be in the token, else insufficient_scope naming them. */
export function checkScope(action: Action, scopes: readonly string[], policy: Pick<NotesPolicy, 'actions'> = DEFAULT_POLICY): Check & { required: string[] } {
  const required = policy.actions[action];
  const needs = required.length === 1 ? required[0] : `one of ${required.join(', ')}`;
  const granted = scopes.length ? scopes.join(' ') : '(none)';
  const passed = required.some((s) => scopes.includes(s));
  return { name: 'scope', passed, reason: `${action} needs ${needs}; the token grants ${passed ? '' : 'only '}${granted}`, required: [...required] };
}

/** What decided a refusal (or the last step of an allowed request). */
export interface DecidedBy {
  step: 'role' | 'note' | 'rule';
  /** A stable name, carried in the 403 problem body as `rule`. */
  id: string;
  /** The deciding fact, in one sentence. */
  fact: string;
}

interface PolicyDecision {
  allowed: boolean;
  /** The refusing step, when refused. */
  refusedBy?: DecidedBy;
  /** role, note and rules checks, in order, up to the one that refused. */
  checks: Check[];
}

export interface PolicyContext {
  /** The token's scopes (for rules with a `scopes` condition). */
  scopes: readonly string[];
  /** The run's clock, epoch seconds (for rules with a `clock` condition). */
  now: number;
  rules: readonly PolicyRule[];
}

function roleStep(subject: Subject, action: Action): { check: Check; refusedBy?: DecidedBy } {
  const asker = askerOf(subject);
  const who = subject.kind === 'user' ? `${subject.userId} is ${asker === 'editor' || asker === 'admin' ? 'an' : 'a'} ${asker}` : `${subject.clientId} acts for itself, with no user`;
  if (ROLE_ACTIONS[asker].includes(action)) return { check: { name: 'role', passed: true, reason: `${who}: ${ROLE_WORDS[asker]}` } };
  const fact = `${who}: ${ROLE_WORDS[asker]}, not ${VERB[action]} them`;
  return { check: { name: 'role', passed: false, reason: fact }, refusedBy: { step: 'role', id: `role-${asker}`, fact } };
}

function noteStep(subject: Subject, action: Action, note: NoteFacts | undefined): { check: Check; refusedBy?: DecidedBy } {
  const who = nameOf(subject);
  const pass = (reason: string) => ({ check: { name: 'note', passed: true, reason } });
  const fail = (id: string, fact: string) => ({ check: { name: 'note', passed: false, reason: fact }, refusedBy: { step: 'note' as const, id, fact } });
  if (!note) return pass(action === 'create' ? `no note yet: the new note will be owned by ${who}` : `no one note: the list holds only the notes ${who} may read`);
  const n = `note ${note.id}`;
  if (note.archived && action !== 'read') return fail('archived-read-only', `${n} is archived: an archived note is read-only, whoever asks`);
  if (subject.kind === 'service')
    return note.public ? pass(`${n} is public: a service may read it`) : fail('service-public-only', `${n} is not public: a service (no user) reads public notes only`);
  if (subject.role === 'admin' && note.owner !== who) return pass(`${who} is an admin: an admin may ${VERB[action]} any note, ${note.owner}'s ${note.id} included`);
  const relation = relationTo(subject, note);
  switch (relation) {
    case 'owner':
      return pass(`${who} owns ${n}`);
    case 'shared-edit':
      return action === 'delete'
        ? fail('only-owner-deletes', `${note.owner} shared ${n} with ${who} for editing, not deleting: only its owner may delete it`)
        : pass(`${note.owner} shared ${n} with ${who} for editing`);
    case 'shared-read':
      return action === 'read' ? pass(`${note.owner} shared ${n} with ${who} read-only`) : fail('shared-read-only', `${note.owner} shared ${n} with ${who} read-only: ${who} may read it, not ${VERB[action]} it`);
    case 'public':
      return action === 'read' ? pass(`${n} is public: anyone signed in may read it`) : fail('public-read-only', `${n} is ${note.owner}'s and public: public lets anyone read it, not ${VERB[action]} it`);
    case 'none':
      return fail('private-note', `${n} is ${note.owner}'s and private: not shared with ${who}, not public`);
  }
}

const utcHour = (epochSeconds: number) => new Date(epochSeconds * 1000).getUTCHours();
const inSpan = (h: number, [from, to]: readonly [number, number]) => (from < to ? h >= from && h < to : h >= from || h < to);
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** Whether a run rule covers this request; if so, the fact that made it match (its clock, when it has one). */
function ruleMatches(rule: PolicyRule, subject: Subject, action: Action, note: NoteFacts | undefined, ctx: Pick<PolicyContext, 'scopes' | 'now'>): string | undefined {
  if (!rule.actions.includes(action)) return undefined;
  if (rule.roles && !rule.roles.includes(askerOf(subject))) return undefined;
  if (rule.scopes && !rule.scopes.some((s) => ctx.scopes.includes(s))) return undefined;
  if (rule.note) {
    if (!note) return undefined;
    if (rule.note.relation && !rule.note.relation.includes(relationTo(subject, note))) return undefined;
    if (rule.note.archived !== undefined && rule.note.archived !== note.archived) return undefined;
    if (rule.note.public !== undefined && rule.note.public !== note.public) return undefined;
  }
  if (rule.clock) {
    const h = utcHour(ctx.now);
    const span = rule.clock.outside_hours ?? rule.clock.within_hours!;
    if (inSpan(h, span) !== (rule.clock.within_hours !== undefined)) return undefined;
    const clockNow = new Date(ctx.now * 1000).toISOString().slice(11, 16);
    return `the run's clock says ${clockNow} UTC, ${rule.clock.within_hours ? 'within' : 'outside'} ${hh(span[0])}-${hh(span[1])}`;
  }
  return 'it covers this request';
}

function rulesStep(subject: Subject, action: Action, note: NoteFacts | undefined, ctx: PolicyContext): { check: Check; refusedBy?: DecidedBy } {
  for (const rule of ctx.rules) {
    const why = ruleMatches(rule, subject, action, note, ctx);
    if (why === undefined) continue;
    const fact = `${rule.id}: ${rule.says} (${why})`;
    return { check: { name: 'rule', passed: false, reason: fact }, refusedBy: { step: 'rule', id: rule.id, fact } };
  }
  const reason = ctx.rules.length === 0 ? 'this run adds no rules of its own' : `none of this run's rules (${ctx.rules.map((r) => r.id).join(', ')}) covers this request`;
  return { check: { name: 'rule', passed: true, reason } };
}

/**
 * Decides whether the subject may do the action (on the note, if any):
 * role, then the note's own conditions, then the run's rules; the first
 * refusal decides. Does not check scope (that comes first, see checkScope)
 * nor the token. Records no events.
 */
export function evaluatePolicy(subject: Subject, action: Action, note: NoteFacts | undefined, ctx: PolicyContext): PolicyDecision {
  const checks: Check[] = [];
  for (const step of [roleStep, noteStep, rulesStep] as const) {
    const r = step(subject, action, note, ctx);
    checks.push(r.check);
    if (r.refusedBy) return { allowed: false, refusedBy: r.refusedBy, checks };
  }
  return { allowed: true, checks };
}

/** Not a step of the table: a token for a user the Notes API has no account for. */
export const UNKNOWN_USER: DecidedBy = { step: 'role', id: 'unknown-user', fact: 'The Notes API has no account for this user, so it knows no role for them' };
