import type { Action } from './types';

/** GET /api/runs/current/policy's answer, as far as a scenario edits it (README: "Scopes and rules"). */
export interface PolicyDoc {
  scopes: Record<string, { meaning: string; clients?: string[]; standard?: true }>;
  actions: Record<string, string[]>;
  rules: { id: string }[];
}

/** The office-hours rule, as the panel's “Add the office-hours rule” button adds it. */
export const OFFICE_HOURS_RULE = {
  id: 'office-hours',
  says: 'Notes are deleted only during office hours (09:00 to 17:00 UTC).',
  actions: ['delete'],
  clock: { outside_hours: [9, 17] },
} as const;

/**
 * The PUT body after a scenario's `policy` action: the document as it was,
 * with the scope defined (for the clients the panel offers by default), the
 * action's scopes replaced, and the office-hours rule added once. What the
 * "Scopes and rules" panel sends when a person does the same by hand.
 */
export function editPolicy(doc: PolicyDoc, a: Extract<Action, { do: 'policy' }>): { scopes: PolicyDoc['scopes']; actions: PolicyDoc['actions']; rules: unknown[] } {
  const scopes = { ...doc.scopes };
  if (a.define) scopes[a.define.scope] = { meaning: a.define.meaning, clients: ['notes-assistant', 'cli'] };
  const actions = { ...doc.actions, ...(a.needs ? { [a.needs.action]: [...a.needs.scopes] } : {}) };
  const rules: unknown[] = [...doc.rules];
  if (a.officeHours && !doc.rules.some((r) => r.id === OFFICE_HOURS_RULE.id)) rules.push(OFFICE_HOURS_RULE);
  return { scopes, actions, rules };
}
