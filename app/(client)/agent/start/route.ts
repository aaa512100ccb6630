import { MAX_BODY_BYTES, readBodyAtMost } from '@/lib/http/body-limit';
import { problemResponse } from '@/lib/http/problem';
import { startAgent } from '@/lib/client-app/notes-agent/flow';
import { agentDeps, agentFailureText, backToPage, redirectTo } from '@/lib/client-app/notes-agent/http';

export const dynamic = 'force-dynamic';

/**
 * "Start" on the agent's page: Notes Agent discovers everything from the
 * Notes API's 401 and sends the browser to the authorization endpoint it
 * found. A page of another origin may not start it (Sec-Fetch-Site).
 */
export async function POST(request: Request) {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return problemResponse(403, 'Cross-origin request refused', 'Notes Agent starts from its own page only.');
  const deps = agentDeps(request);
  // The form holds one radio choice: a few bytes. A body beyond the sandbox's limit is not read (a 413 problem).
  const body = await readBodyAtMost(request, MAX_BODY_BYTES).catch(() => '');
  if (body === undefined) return problemResponse(413, 'Body too large', `The form may hold at most ${MAX_BODY_BYTES} bytes.`);
  const form = new URLSearchParams(body);
  const identification = form.get('identification') === 'registration' ? 'registration' : 'document';
  try {
    const { url, pending } = await startAgent(identification, deps);
    return redirectTo(url.href, pending);
  } catch (e) {
    return backToPage(deps.origin, 'error', agentFailureText(e));
  }
}
