import { handleRoute } from '@/lib/http/handle-route';
import { problemResponse, serverErrorProblem } from '@/lib/http/problem';
import { sendAttackAs } from '@/lib/scenarios/attack-send';
import { scenarioById } from '@/lib/scenarios/library';
import { keepPlaySession, playSessionFor, recordNow } from '@/lib/scenarios/play-sessions';
import { playStep } from '@/lib/scenarios/runner';
import { plainFetch } from '@/lib/scenarios/plain-fetch';
import { refuseCrossOrigin } from '@/lib/http/same-origin';
import { requireRunOwner, runKeyOf } from '@/lib/runs/run-owner';
import { jsonResponse } from '@/lib/http/json-response';
import { systemWallClock } from '@/lib/runs/clock';

export const dynamic = 'force-dynamic';

/**
 * POST `{"step": n}` (1-based): the sandbox plays step n of the scenario as
 * the visitor's browser, on the visitor's run. Step 1 starts the run over.
 */
export function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  return handleRoute(request, { onError: serverErrorProblem }, async (x) => {
    const scenario = scenarioById((await context.params).id);
    if (!scenario) return problemResponse(404, 'No such scenario', 'See /scenarios for the list.');
    // Playing changes the run (step 1 resets it): the owner only, from the sandbox's own pages or a tool with the run key.
    const refused = refuseCrossOrigin(request, 'json');
    if (refused) return refused;
    const owner = requireRunOwner(x);
    if (owner instanceof Response) return owner;
    const { runId } = owner;
    const runKey = runKeyOf(request)!;
    let step: unknown;
    try {
      step = (JSON.parse(await x.bodyText()) as { step?: unknown }).step;
    } catch {
      return problemResponse(400, 'Bad request', 'The body must be JSON: {"step": 1}.');
    }
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 1 || step > scenario.steps.length)
      return problemResponse(400, 'Bad step', `step must be a whole number from 1 to ${scenario.steps.length}.`, { field: 'step' });
    try {
      const session = await playStep(scenario, step - 1, playSessionFor(runId, runKey), {
        origin: x.origin,
        runId,
        runKey,
        fetcher: plainFetch(),
        wall: systemWallClock,
        recordNow: (e) => recordNow(runId, e),
        sendAttack: (attack, browser) => sendAttackAs(attack, { origin: x.origin, runId, browser, recordNow: (e) => recordNow(runId, e) }),
      });
      keepPlaySession(runId, session);
      return jsonResponse({ scenario: scenario.id, step, of: scenario.steps.length, page: session.page?.url });
    } catch (e) {
      // The step could not be played from where the played browser is (a button not on the page, an earlier step not played).
      return problemResponse(409, 'Step could not be played', e instanceof Error ? e.message : String(e), { step });
    }
  });
}
