import { isScopeToken } from '@/lib/oauth/scopes';
import type { Role } from './accounts';

/**
 * The Notes API's half of a run's policy, as data: which scope(s) each
 * action needs (any one of them suffices: RFC 6750 §3.1 insufficient_scope
 * otherwise) and the run's own rules. A rule only ever refuses: it names the
 * actions it covers and conditions on who asks, the token's scopes, the note
 * and the run's clock; when all its conditions hold, the request is refused
 * and the rule is named. The fixed steps (role, the note's owner and sharing)
 * are in policy.ts. The scope names come from the authorization server over
 * the sandbox's policy API; the Notes API never reads the AS's tables.
 */
export type Action = 'list' | 'read' | 'create' | 'update' | 'delete';
export const ACTIONS: readonly Action[] = ['list', 'read', 'create', 'update', 'delete'];
/** Actions that concern one existing note: only these can meet a rule's `note` condition. */
const NOTE_ACTIONS: readonly Action[] = ['read', 'update', 'delete'];

/** How the caller stands to a note: the strongest that applies. */
export type Relation = 'owner' | 'shared-edit' | 'shared-read' | 'public' | 'none';
const RELATIONS: readonly Relation[] = ['owner', 'shared-edit', 'shared-read', 'public', 'none'];

/** Who asks: a user's role, or `service` (a client_credentials token, no user). */
export type Asker = Role | 'service';
export const ASKERS: readonly Asker[] = ['viewer', 'editor', 'admin', 'service'];

export interface PolicyRule {
  id: string;
  /** The rule in words: shown on the timeline and in the 403 problem body. */
  says: string;
  actions: Action[];
  /** Applies only to these askers. Any when absent. */
  roles?: Asker[];
  /** Applies only when the token holds one of these scopes. Any token when absent. */
  scopes?: string[];
  /** Applies only to a note in these conditions. */
  note?: { relation?: Relation[]; archived?: boolean; public?: boolean };
  /** Applies only when the run's clock (UTC hour, 0-23) is outside, or within, [from, to). */
  clock?: { outside_hours?: [number, number]; within_hours?: [number, number] };
}

export interface NotesPolicy {
  actions: Record<Action, string[]>;
  rules: PolicyRule[];
}

export const DEFAULT_POLICY: NotesPolicy = {
  actions: { list: ['notes:read'], read: ['notes:read'], create: ['notes:write'], update: ['notes:write'], delete: ['notes:write'] },
  rules: [],
};

export const MAX_RULES = 20;
const RULE_ID = /^[a-z0-9][a-z0-9-]{0,47}$/;

type PolicyResult = { ok: true; policy: NotesPolicy } | { ok: false; field: string; message: string };
type Bad = { field: string; message: string };
const bad = (field: string, message: string): Bad => ({ field, message });

/**
 * Validates the `actions` and `rules` members of a policy document against
 * the scopes the run defines: every action needs at least one scope, every
 * scope named is defined, every rule can match some request. The error
 * names the field (`actions.delete`, `rules[0].clock`).
 */
export function validateNotesPolicy(doc: { actions: unknown; rules: unknown }, definedScopes: readonly string[]): PolicyResult {
  const actions = validateActions(doc.actions, definedScopes);
  if ('message' in actions) return { ok: false, ...actions };
  if (!Array.isArray(doc.rules)) return { ok: false, field: 'rules', message: 'must be an array of rules (it may be empty)' };
  if (doc.rules.length > MAX_RULES) return { ok: false, field: 'rules', message: `may hold at most ${MAX_RULES} rules` };
  const rules: PolicyRule[] = [];
  for (const [i, raw] of doc.rules.entries()) {
    const rule = validateRule(raw, `rules[${i}]`, definedScopes, actions);
    if ('message' in rule) return { ok: false, ...rule };
    if (rules.some((r) => r.id === rule.id)) return { ok: false, field: `rules[${i}].id`, message: `${rule.id} is the id of an earlier rule` };
    rules.push(rule);
  }
  return { ok: true, policy: { actions, rules } };
}

function validateActions(input: unknown, defined: readonly string[]): Record<Action, string[]> | Bad {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return bad('actions', 'must be an object from action (list, read, create, update, delete) to the scopes it needs');
  const obj = input as Record<string, unknown>;
  const extra = Object.keys(obj).find((k) => !(ACTIONS as readonly string[]).includes(k));
  if (extra !== undefined) return bad(`actions.${extra}`, 'is not an action of the Notes API (list, read, create, update, delete)');
  const out = {} as Record<Action, string[]>;
  for (const a of ACTIONS) {
    const scopes = stringList(obj[a], `actions.${a}`);
    if ('message' in scopes) return scopes;
    if (scopes.length === 0) return bad(`actions.${a}`, `names no scope: every action must need at least one, or any token could ${a} notes`);
    const unknown = scopes.find((s) => !defined.includes(s));
    if (unknown !== undefined) return bad(`actions.${a}`, `${unknown} is not a scope this run defines`);
    out[a] = scopes;
  }
  return out;
}

function stringList(input: unknown, field: string): string[] | Bad {
  if (input === undefined) return [];
  if (!Array.isArray(input) || input.some((s) => typeof s !== 'string')) return bad(field, 'must be an array of strings');
  if (new Set(input).size !== input.length) return bad(field, 'names the same value more than once');
  return input as string[];
}

function hours(input: unknown, field: string): [number, number] | Bad | undefined {
  if (input === undefined) return undefined;
  const ok = Array.isArray(input) && input.length === 2 && input.every((h) => Number.isInteger(h) && (h as number) >= 0 && (h as number) <= 24);
  if (!ok) return bad(field, 'must be [from, to]: two whole UTC hours from 0 to 24');
  const [from, to] = input as [number, number];
  if (from === to) return bad(field, 'is an empty span of hours: from and to are equal');
  return [from, to];
}

function validateRule(raw: unknown, at: string, defined: readonly string[], actions: Record<Action, string[]>): PolicyRule | Bad {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad(at, 'must be an object');
  const r = raw as Record<string, unknown>;
  const extra = Object.keys(r).find((k) => !['id', 'says', 'actions', 'roles', 'scopes', 'note', 'clock'].includes(k));
  if (extra) return bad(`${at}.${extra}`, 'is not a field of a rule (id, says, actions, roles, scopes, note, clock)');
  if (typeof r.id !== 'string' || !RULE_ID.test(r.id)) return bad(`${at}.id`, 'must be a short lower-case name: a-z, 0-9 and -, such as office-hours');
  if (typeof r.says !== 'string' || r.says.trim().length < 5 || r.says.length > 200) return bad(`${at}.says`, 'must say the rule in words (5 to 200 characters)');
  const rule: PolicyRule = { id: r.id, says: r.says.trim(), actions: [] };

  const acts = stringList(r.actions, `${at}.actions`);
  if ('message' in acts) return acts;
  if (acts.length === 0) return bad(`${at}.actions`, 'names no action, so the rule can never match');
  const badAction = acts.find((a) => !(ACTIONS as readonly string[]).includes(a));
  if (badAction) return bad(`${at}.actions`, `${badAction} is not an action (list, read, create, update, delete)`);
  rule.actions = acts as Action[];

  if (r.roles !== undefined) {
    const roles = stringList(r.roles, `${at}.roles`);
    if ('message' in roles) return roles;
    if (roles.length === 0) return bad(`${at}.roles`, 'is empty, so the rule can never match (leave it out to cover everyone)');
    const badRole = roles.find((x) => !(ASKERS as readonly string[]).includes(x));
    if (badRole) return bad(`${at}.roles`, `${badRole} is not a role (viewer, editor, admin) nor service`);
    rule.roles = roles as Asker[];
  }

  if (r.scopes !== undefined) {
    const scopes = stringList(r.scopes, `${at}.scopes`);
    if ('message' in scopes) return scopes;
    if (scopes.length === 0) return bad(`${at}.scopes`, 'is empty, so the rule can never match (leave it out to cover any token)');
    const unknown = scopes.find((s) => !isScopeToken(s) || !defined.includes(s));
    if (unknown !== undefined) return bad(`${at}.scopes`, `${unknown} is not a scope this run defines`);
    rule.scopes = scopes;
  }

  if (r.note !== undefined) {
    const note = validateNoteCondition(r.note, `${at}.note`);
    if ('message' in note) return note;
    if (!rule.actions.some((a) => NOTE_ACTIONS.includes(a)))
      return bad(`${at}.note`, `names a note condition, but ${rule.actions.join(' and ')} concern no one note, so the rule can never match`);
    rule.note = note;
  }

  if (r.clock !== undefined) {
    if (typeof r.clock !== 'object' || r.clock === null || Array.isArray(r.clock)) return bad(`${at}.clock`, 'must be {"outside_hours": [from, to]} or {"within_hours": [from, to]}');
    const c = r.clock as Record<string, unknown>;
    const keys = Object.keys(c);
    if (keys.length !== 1 || !['outside_hours', 'within_hours'].includes(keys[0]!)) return bad(`${at}.clock`, 'must have exactly one of outside_hours, within_hours');
    const span = hours(c[keys[0]!], `${at}.clock.${keys[0]}`);
    if (span && 'message' in span) return span;
    rule.clock = keys[0] === 'outside_hours' ? { outside_hours: span! } : { within_hours: span! };
  }

  return rule;
}

function validateNoteCondition(input: unknown, at: string): NonNullable<PolicyRule['note']> | Bad {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return bad(at, 'must be an object with relation, archived or public');
  const n = input as Record<string, unknown>;
  const extra = Object.keys(n).find((k) => !['relation', 'archived', 'public'].includes(k));
  if (extra) return bad(`${at}.${extra}`, 'is not a note condition (relation, archived, public)');
  const out: NonNullable<PolicyRule['note']> = {};
  if (n.relation !== undefined) {
    const rel = stringList(n.relation, `${at}.relation`);
    if ('message' in rel) return rel;
    if (rel.length === 0) return bad(`${at}.relation`, 'is empty, so the rule can never match');
    const unknown = rel.find((x) => !(RELATIONS as readonly string[]).includes(x));
    if (unknown) return bad(`${at}.relation`, `${unknown} is not a relation (${RELATIONS.join(', ')})`);
    out.relation = rel as Relation[];
  }
  for (const k of ['archived', 'public'] as const) {
    if (n[k] === undefined) continue;
    if (typeof n[k] !== 'boolean') return bad(`${at}.${k}`, 'must be true or false');
    out[k] = n[k];
  }
  if (out.public === false && out.relation?.length === 1 && out.relation[0] === 'public')
    return bad(at, 'asks for a note that is public and not public at once, so the rule can never match');
  return out;
}
