import type { Question, Scenario } from '../types';
import { ATTACK_SCENARIOS } from './attacks';
import { PERMISSION_SCENARIOS } from './permissions';
import { SCOPE_SCENARIOS } from './scope';
import { VALID_TOKEN_SCENARIOS } from './valid-token';
import { DISCOVERY_SCENARIOS } from './discovery';

/** Every scenario, grouped by the question it answers. Add one here and it has a guided page, Play, a presenter mode and a replay test. */
export const SCENARIOS: readonly Scenario[] = [...VALID_TOKEN_SCENARIOS, ...SCOPE_SCENARIOS, ...PERMISSION_SCENARIOS, ...ATTACK_SCENARIOS, ...DISCOVERY_SCENARIOS];

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** The three questions (and the attacks), in the words of the home page, with the scenario that answers each best. */
export const QUESTIONS: readonly { id: Question; title: string; showMe: string }[] = [
  { id: 'valid-token', title: 'How does the resource server know a token is valid?', showMe: 'revocation-local-vs-introspection' },
  { id: 'scope', title: 'How does it know the token’s scope, and refuse what was not granted?', showMe: 'read-only-then-write' },
  { id: 'permissions', title: 'How do scopes map to the app’s own permissions?', showMe: 'scope-is-not-permission' },
  { id: 'attack', title: 'Attacks the protocol defeats', showMe: 'forged-token' },
];
