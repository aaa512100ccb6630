import { ROLE_ACTIONS } from './policy';
import { ACTIONS, ASKERS, type Action, type Asker, type NotesPolicy } from './policy-document';

/**
 * The policy as a table a person can check at a glance: for each role (and
 * a service) and each action, which single scopes in a token let it through.
 * A rule with no note or clock condition takes its scopes out of the cell
 * (or the whole cell); a rule that depends on the note or the clock is
 * listed as "unless", since whether it refuses depends on the request.
 */
export interface DecisionCell {
  asker: Asker;
  action: Action;
  /** Scopes that allow it (any one suffices); empty when nothing does. */
  scopes: string[];
  /** Why nothing allows it, when scopes is empty: the role or a rule. */
  never?: string;
  /** Rules that may still refuse it, depending on the note or the clock. */
  unless: string[];
}

export function decisionTable(policy: NotesPolicy): DecisionCell[] {
  const cells: DecisionCell[] = [];
  for (const asker of ASKERS) {
    for (const action of ACTIONS) {
      if (!ROLE_ACTIONS[asker].includes(action)) {
        cells.push({ asker, action, scopes: [], never: `role: ${asker}`, unless: [] });
        continue;
      }
      const rules = policy.rules.filter((r) => r.actions.includes(action) && (!r.roles || r.roles.includes(asker)));
      const always = rules.filter((r) => !r.note && !r.clock);
      const blanket = always.find((r) => !r.scopes);
      if (blanket) {
        cells.push({ asker, action, scopes: [], never: `rule: ${blanket.id}`, unless: [] });
        continue;
      }
      const scopes = policy.actions[action].filter((s) => !always.some((r) => r.scopes!.includes(s)));
      const unless = rules.filter((r) => r.note || r.clock).map((r) => r.id);
      const by = always.find((r) => policy.actions[action].some((s) => r.scopes!.includes(s)));
      cells.push({ asker, action, scopes, ...(scopes.length === 0 && by ? { never: `rule: ${by.id}` } : {}), unless });
    }
  }
  return cells;
}
