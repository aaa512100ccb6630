import { handleRoute } from '@/lib/http/handle-route';
import { readBodyAtMost } from '@/lib/http/body-limit';
import { problemResponse, serverErrorProblem } from '@/lib/http/problem';
import { refuseCrossOrigin } from '@/lib/http/same-origin';
import { requireRunOwner } from '@/lib/runs/run-owner';
import { MAX_POLICY_BYTES, parsePolicyUpdate, readRunPolicy, saveRunPolicy } from '@/lib/runs/run-policy';
import { jsonResponse } from '@/lib/http/json-response';
import { systemWallClock } from '@/lib/runs/clock';

export const dynamic = 'force-dynamic';

const onError = serverErrorProblem;

/** The run's scopes (authorization server), actions and rules (Notes API), and the resulting table. */
export function GET(request: Request) {
  return handleRoute(request, { onError }, async (x) => {
    const run = requireRunOwner(x);
    if (run instanceof Response) return run;
    return jsonResponse(readRunPolicy(x.db, run.runId));
  });
}

/** Replaces the run's scopes, actions and rules: all validated first; on any error 400 naming the field, nothing stored. */
export function PUT(request: Request) {
  return handleRoute(request, { onError }, async (x) => {
    const run = requireRunOwner(x);
    if (run instanceof Response) return run;
    const refused = refuseCrossOrigin(request, 'json');
    if (refused) return refused;
    const text = await readBodyAtMost(request, MAX_POLICY_BYTES);
    const update = text === undefined ? { ok: false as const, field: '(body)', message: `is larger than ${MAX_POLICY_BYTES} bytes` } : parsePolicyUpdate(text);
    if (!update.ok) return problemResponse(400, 'Bad policy', `${update.field} ${update.message}.`, { field: update.field });
    saveRunPolicy(x.db, run.runId, update, systemWallClock);
    x.recorder.useRun(run.runId);
    x.recorder.record({
      from: 'sandbox',
      to: 'sandbox',
      type: 'run.policy_changed',
      summary: `Scopes and rules changed: scopes ${Object.keys(update.definitions).join(', ')}; ${update.policy.rules.length} rule(s)`,
      outcome: 'info',
      data: { scopes: update.definitions, actions: update.policy.actions, rules: update.policy.rules },
    });
    return jsonResponse(readRunPolicy(x.db, run.runId));
  });
}
