import 'server-only';
import type { RouteContext } from '@/lib/http/handle-route';
import { refuseCrossOrigin } from '@/lib/http/same-origin';
import { requireRunOwner } from './run-owner';

/**
 * The run a sandbox control acts on: the run whose key the request carries
 * (the browser's cookie or X-Sandbox-Run-Key), as for every other route that
 * reads or changes a run. X-Sandbox-Run alone only names a run: 403.
 */
export function controlledRun(x: Pick<RouteContext, 'runs'>): { runId: string } | Response {
  return requireRunOwner(x);
}

/**
 * A state-changing sandbox request: from the sandbox's own origin only (a
 * page on another origin cannot change a run) and a JSON body
 * (`application/json`, which a cross-site form cannot send without a CORS
 * preflight). The same check as the other run routes.
 */
export function changeRefused(x: Pick<RouteContext, 'request'>): Response | undefined {
  return refuseCrossOrigin(x.request, 'json');
}
