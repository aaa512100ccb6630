import { describe, expect, it } from 'vitest';
import { describeExpectation, scenarioProgress } from '@/lib/scenarios/expectations';
import { SCENARIOS } from '@/lib/scenarios/library';
import type { TimelineEvent } from '@/lib/timeline/events';

/**
 * Played mode over HTTP: for every scenario of the library, a fresh run,
 * then POST /api/runs/current/scenarios/{id}/play for each step (what the
 * Play button does), then the run's own timeline must meet every expectation.
 */
const origin = process.env.SANDBOX_URL!;

/** A fresh run of one's own (POST /api/runs), held as the browser would hold it: the run key cookie. */
async function newRun(): Promise<string> {
  const r = await fetch(`${origin}/api/runs`, { method: 'POST' });
  expect(r.status).toBe(201);
  const { key } = (await r.json()) as { id: string; key: string };
  expect(key).toMatch(/^runkey_/);
  return `sandbox_run_key=${key}`;
}

const post = (cookie: string, path: string, body: unknown) =>
  fetch(`${origin}${path}`, { method: 'POST', headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('Played scenarios (the Play button, over HTTP)', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.id}: every step meets its expectations on the visitor's own run`, async () => {
      const cookie = await newRun();
      for (let i = 1; i <= scenario.steps.length; i++) {
        const r = await post(cookie, `/api/runs/current/scenarios/${scenario.id}/play`, { step: i });
        const text = await r.text();
        expect(r.status, `step ${i}: ${text}`).toBe(200);
        expect(JSON.parse(text)).toMatchObject({ scenario: scenario.id, step: i, of: scenario.steps.length });
      }
      const { events } = (await (await fetch(`${origin}/api/runs/current/events`, { headers: { Cookie: cookie } })).json()) as { events: TimelineEvent[] };
      // Played from step 1, the run starts with the scenario's own start (a reset naming it): its guided page counts from there.
      const progress = scenarioProgress(scenario.steps, events, scenario.id);
      const unmet = progress.flatMap((p, i) => p.verdicts.flatMap((v, j) => (v.met ? [] : [`step ${i + 1}: ${describeExpectation(scenario.steps[i]!.expect[j]!)}: ${v.instead}`])));
      expect(unmet, events.map((e) => `#${e.seq} ${e.from}->${e.to} ${e.type} ${e.outcome} ${e.summary}`).join('\n')).toEqual([]);
      // The Browser lane says the sandbox played each step.
      expect(events.filter((e) => e.type === 'scenario.step_played' && e.from === 'browser').map((e) => e.data?.['step'])).toEqual(scenario.steps.map((_s, i) => i + 1));
    });
  }

  it('refuses an unknown scenario (404) and a step out of range (400), as problem+json', async () => {
    const cookie = await newRun();
    const unknown = await post(cookie, '/api/runs/current/scenarios/no-such-thing/play', { step: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const bad = await post(cookie, '/api/runs/current/scenarios/read-only-then-write/play', { step: 99 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'step' });
    // A reset that would start an unknown scenario is refused too, and the run is left as it was.
    const reset = await fetch(`${origin}/api/runs/current/reset?scenario=no-such-thing`, { method: 'POST', headers: { Cookie: cookie, Origin: origin } });
    expect(reset.status).toBe(400);
    expect(reset.headers.get('content-type')).toContain('application/problem+json');
    expect(await reset.json()).toMatchObject({ field: 'scenario' });
  });
});
