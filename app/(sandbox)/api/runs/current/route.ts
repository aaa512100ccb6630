import { handleExchange } from '@/lib/http/exchange';
import { problemResponse } from '@/lib/http/problem';
import { currentRun, runCookieHeader, updateRunSettings } from '@/lib/timeline/run-api';

export const dynamic = 'force-dynamic';

const onError = () => problemResponse(500, 'Server error', 'The sandbox met an unexpected condition.');

function runJson(run: { id: string; settings: unknown; createdAt: number }, created: boolean): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (created) headers['Set-Cookie'] = runCookieHeader(run.id);
  return new Response(JSON.stringify({ id: run.id, createdAt: run.createdAt, settings: run.settings }), { headers });
}

/** The visitor's run and its settings. */
export function GET(request: Request) {
  return handleExchange(request, { onError }, async (x) => {
    const { run, created } = currentRun(x);
    return runJson(run, created);
  });
}

/** Changes the run's settings: `{"accessTokenFormat":"opaque"}`, `{"clockOffset":600}`, ... */
export function PATCH(request: Request) {
  return handleExchange(request, { onError }, async (x) => {
    const { run, created } = currentRun(x);
    const updated = await updateRunSettings(x, run);
    return updated instanceof Response ? updated : runJson(updated, created);
  });
}
