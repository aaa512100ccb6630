import { expect, test, type APIRequestContext } from '@playwright/test';
import { describeExpectation, scenarioProgress } from '../lib/scenarios/expectations';
import { SCENARIOS } from '../lib/scenarios/library';
import type { TimelineEvent } from '../lib/timeline/events';
import { ScenarioPage } from './pages/scenario-page';
import { ScenarioSteps } from './pages/scenario-steps';
import { REPLAY_CHECKS } from './replay-checks';

/**
 * Every scenario of the library, replayed by hand through the real pages
 * (Notes Assistant, the authorization server's forms, the run controls, the
 * attack panel), one test.step per step, each expectation asserted on the
 * run's timeline. Titles are the scenario ids: `--grep read-only-then-write`
 * replays one. A new scenario in lib/scenarios is tested with no new code here.
 * Some replays also check what a person sees on the way (e2e/replay-checks.ts).
 */
async function events(request: APIRequestContext): Promise<TimelineEvent[]> {
  return ((await (await request.get('/api/runs/current/events')).json()) as { events: TimelineEvent[] }).events;
}

/** What is not met yet in steps 0..upTo, in words (empty when all are met). */
async function unmet(request: APIRequestContext, steps: (typeof SCENARIOS)[number]['steps'], upTo: number): Promise<string[]> {
  const progress = scenarioProgress(steps.slice(0, upTo + 1), await events(request));
  return progress.flatMap((p, i) => p.verdicts.flatMap((v, j) => (v.met ? [] : [`step ${i + 1}: ${describeExpectation(steps[i]!.expect[j]!)}: ${v.instead}`])));
}

test('every replay check names a scenario of the library and one of its steps', () => {
  for (const [id, checks] of Object.entries(REPLAY_CHECKS)) {
    const scenario = SCENARIOS.find((s) => s.id === id);
    expect(scenario, id).toBeDefined();
    for (const c of checks.steps ?? []) expect(scenario!.steps[c.at]?.action.do, `${id} step ${c.at + 1}`).toBe(c.action);
  }
});

test.describe('scenario replay, by hand through the real pages', () => {
  for (const scenario of SCENARIOS) {
    test(`${scenario.id} (replayed)`, async ({ page, browser }) => {
      // A few seconds a step on a quiet machine; generous for a loaded one.
      test.setTimeout(30_000 + scenario.steps.length * 20_000);
      const guide = new ScenarioPage(page);
      const serviceToken: { value?: string } = {};

      await test.step('start: a fresh run with the scenario’s settings (Start over)', async () => {
        await guide.goto(scenario.id);
        await guide.startOver();
      });

      // The steps are done in the same tab: a guided page left open beside them would redraw its
      // live diagram on every event (measured slower), so it is opened again at the end.
      const work = page;
      const steps = new ScenarioSteps(work);
      const checks = REPLAY_CHECKS[scenario.id];
      for (const [i, step] of scenario.steps.entries()) {
        await test.step(`${i + 1}. ${step.does}`, async () => {
          let performed = 0;
          const perform = () => (performed++, steps.perform(step.action, serviceToken));
          const around = checks?.steps?.find((c) => c.at === i);
          if (around) {
            expect(step.action.do, `the check for step ${i + 1} was written for another action`).toBe(around.action);
            await around.check({ page: work, browser, perform });
          } else await perform();
          expect(performed, 'the step was done once').toBe(1);
          await expect.poll(() => unmet(work.request, scenario.steps, i), { timeout: 20_000, intervals: [50, 100, 200] }).toEqual([]);
        });
      }

      await test.step('the guided page ticks every step from the same timeline', async () => {
        await guide.goto(scenario.id);
        await guide.expectAllDone(scenario.steps.length);
      });

      if (checks?.end) await checks.end({ page: work, browser });
    });
  }
});

// Played mode (the Play button) is tested for every scenario over HTTP in
// tests/integration/scenarios-play.test.ts, and in the browser by the two-click
// tests in scenario-front-door.spec.ts.
