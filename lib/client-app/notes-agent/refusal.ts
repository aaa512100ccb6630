/**
 * What Notes Agent's page says when the Notes API refused its list or its
 * write: a refusal, in the words the Notes API sent, never "done". The kind
 * decides what would help: a policy refusal (403 with a problem body, RFC
 * 9457) names the rule and says more scope would not help; insufficient_scope
 * and invalid_token are the RFC 6750 §3.1 error codes, kept as spelled.
 * Pure: records nothing.
 */
import type { ResourceOutcome } from '../resource-outcome';

export type AgentTask = 'list' | 'write';

export function agentRefusal(task: AgentTask, o: ResourceOutcome): string {
  switch (o.kind) {
    case 'policy': {
      const rule = o.rule ? ` Rule: ${o.rule}.` : '';
      const detail = o.detail ? ` ${o.detail}` : '';
      return `The Notes API refused the ${task} (${o.status}): its own policy says no, and more scope would not help. Scopes are what you delegated to Notes Agent, not rights you have.${rule}${detail}`;
    }
    case 'insufficient_scope':
      return `The Notes API refused the ${task} (${o.status} insufficient_scope): the access token lacks the scope ${o.missingScope}, which was not granted.`;
    case 'invalid_token':
      return `The Notes API refused the access token (${o.status} invalid_token${o.description ? `: “${o.description}”` : ''}).`;
    case 'unreachable':
      return `The Notes API could not be reached for the ${task}: ${o.detail}.`;
    case 'not_found':
    case 'error':
      return `The Notes API answered ${o.status} to the ${task}${o.detail ? `: ${o.detail}` : ''}.`;
    case 'ok':
      return `The Notes API answered ${o.status} to the ${task}, not what Notes Agent expected.`;
  }
}
