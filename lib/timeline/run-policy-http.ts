import 'server-only';
import type { Exchange } from '@/lib/http/exchange';
import { problemResponse } from '@/lib/http/problem';

/**
 * The run a sandbox control acts on. For now the run the request names
 * (X-Sandbox-Run or the run cookie), refusing a request that names none;
 * this is the one place to put an owner check (run key or cookie) in.
 */
export function controlledRun(x: Exchange): { runId: string } | Response {
  if (!x.requestRunId) return problemResponse(400, 'No run', 'This request names no run: send the sandbox_run cookie or the X-Sandbox-Run header (load a sandbox page first).');
  return { runId: x.requestRunId };
}

/**
 * A state-changing sandbox request: same origin (an Origin header, when
 * sent, must be the sandbox's: a form on another site cannot change a run)
 * and a JSON body (`application/json`, which a cross-site form cannot send
 * without a CORS preflight).
 */
export function changeRefused(x: Exchange): Response | undefined {
  const origin = x.request.headers.get('origin');
  if (origin !== null && origin !== x.origin) return problemResponse(403, 'Cross-origin request refused', `Origin ${origin} is not the sandbox (${x.origin}).`, { field: 'Origin' });
  const type = (x.request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return problemResponse(415, 'Unsupported media type', 'Send the policy as Content-Type: application/json.', { field: 'Content-Type' });
  return undefined;
}
