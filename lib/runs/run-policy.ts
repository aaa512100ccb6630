import 'server-only';
import { runScopeDefinitions } from '@/lib/auth-server/deps';
import { scopesSupported, validateScopeDefinitions, type ScopeDefinitions } from '@/lib/auth-server/scope-definitions';
import { parseJsonDocument } from '@/lib/http/json-document';
import { STANDARD_SCOPES, SUPPORTED_STANDARD_SCOPES } from '@/lib/oauth/scopes';
import { decisionTable, type DecisionCell } from '@/lib/resource-server/decision-table';
import { runPolicy } from '@/lib/resource-server/deps';
import { ACTIONS, validateNotesPolicy, type NotesPolicy } from '@/lib/resource-server/policy-document';
import type { Db } from '@/lib/store/db';
import { saveRsPolicy } from '@/lib/store/rs-policies';
import { ensureRun } from '@/lib/store/runs';
import { saveScopeDefinitions } from '@/lib/store/scope-definitions';
import type { WallClock } from './clock';

/**
 * The sandbox's "Scopes and rules" control. A run's policy has two halves
 * owned by two parties: the scope definitions are the authorization server's
 * (its table), the action→scope map and the rules are the Notes API's (its
 * table). This control, like the run's settings, belongs to neither party:
 * it shows both as one document and writes both at once, each into its
 * owner's store, after validating the whole.
 */
interface PolicyDocument {
  scopes: Record<string, { meaning: string; clients?: string[]; standard?: true }>;
  actions: NotesPolicy['actions'];
  rules: NotesPolicy['rules'];
}

export const MAX_POLICY_BYTES = 32 * 1024;
const MAX_POLICY_DEPTH = 6;

function policyDocument(definitions: ScopeDefinitions, policy: NotesPolicy): PolicyDocument & { table: DecisionCell[] } {
  const scopes: PolicyDocument['scopes'] = {};
  for (const s of SUPPORTED_STANDARD_SCOPES) scopes[s] = { meaning: STANDARD_SCOPES[s]!.meaning, standard: true };
  for (const [name, d] of Object.entries(definitions)) scopes[name] = { meaning: d.meaning, clients: [...d.clients] };
  return { scopes, actions: policy.actions, rules: policy.rules, table: decisionTable(policy) };
}

export function readRunPolicy(db: Db, runId: string) {
  return policyDocument(runScopeDefinitions(db, runId), runPolicy(db, runId));
}

type PolicyUpdate = { ok: true; definitions: ScopeDefinitions; policy: NotesPolicy } | { ok: false; field: string; message: string };

/**
 * Checks a whole policy document (the body of PUT): JSON without repeated
 * names or deep nesting, exactly `scopes`, `actions` and `rules`, valid
 * scope names and meanings, every action needing a defined scope, every rule
 * able to match, and every scope the run defines given a meaning by some
 * action or rule (else the Notes API would grant it nothing).
 */
export function parsePolicyUpdate(text: string): PolicyUpdate {
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) return { ok: false, field: '(body)', message: `is larger than ${MAX_POLICY_BYTES} bytes` };
  const parsed = parseJsonDocument(text, MAX_POLICY_DEPTH);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { ok: false, field: '(body)', message: 'must be a JSON object {"scopes": {...}, "actions": {...}, "rules": [...]}' };
  const extra = Object.keys(doc).find((k) => !['scopes', 'actions', 'rules', 'table'].includes(k));
  if (extra) return { ok: false, field: extra, message: 'is not part of a policy (scopes, actions, rules)' };
  const d = doc as Record<string, unknown>;
  for (const k of ['scopes', 'actions', 'rules']) if (d[k] === undefined) return { ok: false, field: k, message: 'is missing' };
  const scopes = validateScopeDefinitions(d.scopes);
  if (!scopes.ok) return scopes;
  const policy = validateNotesPolicy({ actions: d.actions, rules: d.rules }, scopesSupported(scopes.definitions));
  if (!policy.ok) return policy;
  const used = new Set([...ACTIONS.flatMap((a) => policy.policy.actions[a]), ...policy.policy.rules.flatMap((r) => r.scopes ?? [])]);
  const unused = Object.keys(scopes.definitions).find((s) => !used.has(s));
  if (unused !== undefined)
    return { ok: false, field: `scopes.${unused}`, message: 'is defined but no action or rule uses it: the Notes API would give it no meaning' };
  return { ok: true, definitions: scopes.definitions, policy: policy.policy };
}

/** Stores both halves at once (each in its party's table): all or nothing; the run is marked as seen at `wall`'s time. */
export function saveRunPolicy(db: Db, runId: string, update: { definitions: ScopeDefinitions; policy: NotesPolicy }, wall: WallClock): void {
  db.transaction(() => {
    ensureRun(db, runId, wall());
    saveScopeDefinitions(db, runId, update.definitions);
    saveRsPolicy(db, runId, update.policy);
  })();
}
