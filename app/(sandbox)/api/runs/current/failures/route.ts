import { handleRoute } from '@/lib/http/handle-route';
import { jsonResponse } from '@/lib/http/json-response';
import { jsonProblem, readJsonBody, SMALL_JSON } from '@/lib/http/bounded-json';
import { problemResponse, serverErrorProblem } from '@/lib/http/problem';
import { refuseCrossOrigin } from '@/lib/http/same-origin';
import { clearFailurePlans, listFailurePlans, saveFailurePlan } from '@/lib/store/injected-failures';
import { ensureRun } from '@/lib/store/runs';
import { describeFailure, parseFailurePlan } from '@/lib/timeline/failure-plan';
import { requireRunOwner } from '@/lib/runs/run-owner';
import { systemWallClock } from '@/lib/runs/clock';

export const dynamic = 'force-dynamic';

const onError = serverErrorProblem;

/** The run's failures on demand: for each endpoint with failures left, the kind and how many. Owner only. */
export function GET(request: Request) {
  return handleRoute(request, { onError }, async (x) => {
    const run = requireRunOwner(x);
    if (run instanceof Response) return run;
    return jsonResponse({ failures: listFailurePlans(x.db, run.runId) });
  });
}

/**
 * Plans failures at one endpoint: `{"endpoint":"token","kind":"invalid_grant","count":2}`,
 * `{"endpoint":"jwks","kind":"delay","delayMs":3000,"count":1}`; count 0 clears it.
 * Owner only, same origin, JSON only; a bad field is 400 naming it, nothing stored.
 */
export function PUT(request: Request) {
  return handleRoute(request, { onError }, async (x) => {
    const run = requireRunOwner(x);
    if (run instanceof Response) return run;
    const refused = refuseCrossOrigin(request, 'json');
    if (refused) return refused;
    const parsed = await readJsonBody(() => x.bodyText(), SMALL_JSON);
    if (!parsed.ok) {
      if (parsed.limit !== 'syntax') return jsonProblem(parsed, SMALL_JSON, 'Bad failure plan');
      return problemResponse(400, 'Bad failure plan', 'The body must be JSON, for example {"endpoint":"token","kind":"invalid_grant","count":1}.', { field: '(body)' });
    }
    const result = parseFailurePlan(parsed.value);
    if (!result.ok) return problemResponse(400, 'Bad failure plan', `${result.field} ${result.message}.`, { field: result.field });
    const { plan } = result;
    ensureRun(x.db, run.runId, systemWallClock());
    saveFailurePlan(x.db, run.runId, plan);
    x.recorder.useRun(run.runId);
    x.recorder.record({
      from: 'sandbox',
      to: 'sandbox',
      type: 'run.failures_changed',
      summary: plan.remaining === 0 ? `Failures on demand cleared at the ${plan.endpoint} endpoint` : `Failures on demand: the next ${plan.remaining} answer(s): ${describeFailure(plan)}`,
      outcome: 'info',
      data: { ...plan },
    });
    return jsonResponse({ failures: listFailurePlans(x.db, run.runId) });
  });
}

/** Clears every planned failure of the run. Owner only, same origin. */
export function DELETE(request: Request) {
  return handleRoute(request, { onError }, async (x) => {
    const run = requireRunOwner(x);
    if (run instanceof Response) return run;
    const refused = refuseCrossOrigin(request, 'none');
    if (refused) return refused;
    clearFailurePlans(x.db, run.runId);
    x.recorder.useRun(run.runId);
    x.recorder.record({ from: 'sandbox', to: 'sandbox', type: 'run.failures_changed', summary: 'Failures on demand cleared', outcome: 'info', data: {} });
    return jsonResponse({ failures: [] });
  });
}
