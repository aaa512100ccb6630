/**
 * What each of Notes Assistant's actions needs in this run, for the hints
 * beside its buttons. A real client learns this from the resource server's
 * refusals (RFC 6750 §3.1: 403 insufficient_scope with `scope=`); the
 * sandbox also knows the run's policy, so the hints can say it before the
 * first refusal, and stay right when a learner changed the policy in
 * "Scopes and rules". Pure: the page fetches the policy and passes it in.
 */
import { SCOPE_NEEDED, splitScope, type NoteAction } from './scopes';

type ScopeNeeds = Record<NoteAction, string[]>;

/** The policy document names the Notes API's actions; the client calls an update an edit. */
const POLICY_ACTION: Record<NoteAction, string> = { list: 'list', read: 'read', create: 'create', edit: 'update', delete: 'delete' };

const DEFAULT_NEEDS = Object.fromEntries(Object.entries(SCOPE_NEEDED).map(([a, s]) => [a, [s]])) as ScopeNeeds;

/** The needs from a policy document's `actions` (GET /api/runs/current/policy); the defaults for anything missing or malformed. */
export function scopeNeeds(policyActions: unknown): ScopeNeeds {
  const actions = typeof policyActions === 'object' && policyActions !== null ? (policyActions as Record<string, unknown>) : {};
  const out = { ...DEFAULT_NEEDS };
  for (const a of Object.keys(out) as NoteAction[]) {
    const v = actions[POLICY_ACTION[a]];
    if (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string')) out[a] = v as string[];
  }
  return out;
}

/** Any one of the scopes an action needs lets it through (the policy's rule; RFC 6750 §3.1 otherwise). */
export function needMet(granted: string, needs: readonly string[]): boolean {
  const have = splitScope(granted);
  return needs.some((s) => have.includes(s));
}

/** The needs in words: "notes:purge", or "notes:write or notes:purge". */
export const needsText = (needs: readonly string[]) => needs.join(' or ');

/** The run's needs, read from the sandbox's policy API as the visitor (their run key); the defaults when it cannot be read. */
export async function fetchScopeNeeds(origin: string, runKey: string | undefined, fetcher: typeof fetch = fetch): Promise<ScopeNeeds> {
  if (!runKey) return DEFAULT_NEEDS;
  try {
    const res = await fetcher(`${origin}/api/runs/current/policy`, { headers: { 'X-Sandbox-Run-Key': runKey }, cache: 'no-store' });
    if (!res.ok) return DEFAULT_NEEDS;
    return scopeNeeds(((await res.json()) as { actions?: unknown }).actions);
  } catch {
    return DEFAULT_NEEDS;
  }
}
