import { cookieValue } from '@/lib/runs/run-id';
import { continueAgent } from '@/lib/client-app/notes-agent/flow';
import { agentDeps, agentFailureText, backToPage, redirectTo } from '@/lib/client-app/notes-agent/http';
import { AGENT_COOKIE, parsePending } from '@/lib/client-app/notes-agent/identity';

export const dynamic = 'force-dynamic';

/** Notes Agent's redirect URI: redeem the code, do the task, step up when the Notes API names a missing scope. */
export async function GET(request: Request) {
  const deps = agentDeps(request);
  const pending = parsePending(cookieValue(request.headers.get('cookie'), AGENT_COOKIE), deps.origin);
  if (!pending) return backToPage(deps.origin, 'error', 'no authorization request of Notes Agent is pending in this browser: press Start');
  try {
    const outcome = await continueAgent(new URL(request.url, deps.origin), pending, deps);
    return outcome.done ? backToPage(deps.origin, outcome.refused ? 'refused' : 'done', outcome.summary) : redirectTo(outcome.url.href, outcome.pending);
  } catch (e) {
    return backToPage(deps.origin, 'error', agentFailureText(e));
  }
}
