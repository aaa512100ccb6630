import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * What Notes Agent's page says after a run: "Done: ...", a refusal by the
 * Notes API, or "Notes Agent stopped: ...". The words travel in the page's
 * URL (`?done=`, `?refused=` or `?error=`),
 * so anyone could craft a link that makes the sandbox's page say anything
 * ("stopped: your session expired, sign in at ..."). The agent therefore
 * marks its own words with an HMAC only this process can make (its key never
 * leaves memory), and the page shows a message only with its mark: the
 * text of a crafted link is never shown as if the sandbox had said it.
 */
export type AgentOutcomeKind = 'done' | 'refused' | 'error';

const g = globalThis as unknown as { __notesAgentOutcomeKey?: Buffer };
const key = () => (g.__notesAgentOutcomeKey ??= randomBytes(32));

function mark(kind: AgentOutcomeKind, text: string): string {
  return createHmac('sha256', key()).update(`notes agent outcome\n${kind}\n${text}`).digest('base64url');
}

/** The query string that carries `text` back to the agent's page, with its mark. */
export function outcomeQuery(kind: AgentOutcomeKind, text: string): string {
  return new URLSearchParams({ [kind]: text, mark: mark(kind, text) }).toString();
}

/**
 * The message the page may show: the agent's own (its mark checks, in
 * constant time), or none for a link whose text the agent did not write.
 */
export function agentOutcome(params: { done?: string; refused?: string; error?: string; mark?: string }): { kind: AgentOutcomeKind; text: string } | undefined {
  const kind: AgentOutcomeKind | undefined = params.error !== undefined ? 'error' : params.refused !== undefined ? 'refused' : params.done !== undefined ? 'done' : undefined;
  if (kind === undefined || typeof params.mark !== 'string') return undefined;
  const text = params[kind]!;
  const want = Buffer.from(mark(kind, text));
  const got = Buffer.from(params.mark);
  return want.length === got.length && timingSafeEqual(want, got) ? { kind, text } : undefined;
}
