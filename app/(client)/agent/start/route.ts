import { problemResponse } from '@/lib/http/problem';
import { startAgent } from '@/lib/client-app/notes-agent/flow';
import { agentDeps, backToPage, redirectTo } from '@/lib/client-app/notes-agent/http';

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
  const form = new URLSearchParams(await request.text().catch(() => ''));
  const identification = form.get('identification') === 'registration' ? 'registration' : 'document';
  try {
    const { url, pending } = await startAgent(identification, deps);
    return redirectTo(url.href, pending);
  } catch (e) {
    return backToPage(deps.origin, 'error', e instanceof Error ? e.message : 'the agent failed');
  }
}
