import 'server-only';
import { sandboxOrigin } from '@/lib/http/origin';
import { NO_STORE } from '@/lib/http/cache-control';
import { cookieValue, RUN_KEY_COOKIE } from '@/lib/runs/run-id';
import { requestRunIdOf, runsOfRequest } from '@/lib/runs/run-owner';
import { recordClientEvents } from '../record';
import type { AgentDeps } from './discovery';
import { AGENT_COOKIE, AGENT_PAGE, serializePending, type PendingAuthorization } from './identity';
import { outcomeQuery, type AgentOutcomeKind } from './outcome';

/** The agent's deps for one browser request: the visitor's run (named on the agent's requests), the sandbox's origin. */
export function agentDeps(request: Request): AgentDeps {
  const runId = requestRunIdOf(runsOfRequest(request));
  const runKey = cookieValue(request.headers.get('cookie'), RUN_KEY_COOKIE);
  return { origin: sandboxOrigin(request), ...(runId ? { runId } : {}), ...(runKey ? { runKey } : {}), fetch, record: (events) => recordClientEvents(runId, events) };
}

/** 303 to where the browser goes next, keeping (or forgetting) the pending authorization request in the agent's httpOnly cookie. */
export function redirectTo(location: string, pending: PendingAuthorization | null): Response {
  const cookie = pending
    ? `${AGENT_COOKIE}=${serializePending(pending)}; Path=/agent; HttpOnly; SameSite=Lax; Max-Age=600`
    : `${AGENT_COOKIE}=; Path=/agent; HttpOnly; SameSite=Lax; Max-Age=0`;
  return new Response(null, { status: 303, headers: { Location: location, 'Set-Cookie': cookie, ...NO_STORE } });
}

/** Back to the agent's page with what happened, in words marked as the agent's own (./outcome.ts). */
export const backToPage = (origin: string, key: AgentOutcomeKind, text: string) => redirectTo(`${origin}${AGENT_PAGE}?${outcomeQuery(key, text)}`, null);

/** Errors whose message is the agent's own account of a protocol step (its Error, or oauth4webapi's): shown on its page. */
const TOLD_ERRORS = new Set(['Error', 'OperationProcessingError', 'ResponseBodyError', 'AuthorizationResponseError', 'WWWAuthenticateChallengeError', 'UnsupportedOperationError']);

/**
 * What the agent's page says when a step failed: the protocol's own message,
 * or, for anything unexpected (a TypeError, ...), a plain sentence with the
 * details in the server's log only, never on the page.
 */
export function agentFailureText(e: unknown): string {
  if (e instanceof Error && TOLD_ERRORS.has(e.name)) return e.message;
  console.error('Notes Agent: unexpected error', e);
  return 'Notes Agent met an unexpected condition (the details are in the server log)';
}
