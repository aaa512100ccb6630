import { expect, test } from '@playwright/test';
import { QUESTIONS, scenarioById } from '../lib/scenarios/library';
import { ScenarioPage } from './pages/scenario-page';

/** The front door, the presenter and the diagram: what a newcomer, a teacher and a projector need. */

for (const [i, q] of QUESTIONS.filter((x) => x.id !== 'attack').entries()) {
  test(`two clicks from the home page to answer ${i + 1}: ${q.title}`, async ({ page }) => {
    test.setTimeout(120_000);
    const scenario = scenarioById(q.showMe)!;
    await page.goto('/');
    await page.getByRole('link', { name: `Show me: ${q.title}` }).click(); // click 1
    await expect(page).toHaveURL(new RegExp(`/scenarios/${q.showMe}$`));
    // Play resets the run first: the page says so before it is pressed, on screen and as the button's description.
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAccessibleDescription(/^Step 1 starts your run over: .*delete its timeline, notes, tokens and consents, scopes and rules, and registered clients/);
    await expect(page.getByRole('region', { name: 'Scenario steps' }).getByText(/^Step 1 starts your run over/)).toBeVisible();
    await page.getByRole('button', { name: 'Play', exact: true }).click(); // click 2
    const guide = new ScenarioPage(page);
    await guide.expectAllDone(scenario.steps.length);
    // The answer is on screen: the last step's expectations, each ticked.
    const last = page.getByRole('list', { name: `Step ${scenario.steps.length} expectations` }).getByRole('listitem');
    await expect(last).toHaveCount(scenario.steps.at(-1)!.expect.length);
    for (const item of await last.all()) await expect(item).toHaveAttribute('data-met', 'yes');
  });
}

test('presenter mode: read-only-then-write from the keyboard alone, in under a minute', async ({ page }) => {
  test.setTimeout(120_000);
  const scenario = scenarioById('read-only-then-write')!;
  await page.goto(`/scenarios/${scenario.id}/present`);
  await expect(page.getByRole('region', { name: 'Presenter' })).toHaveAttribute('data-ready', 'yes');
  const started = Date.now();
  const status = page.getByRole('region', { name: 'Presenter' }).getByRole('status');
  await expect(status).toHaveText('Press → or Space to play step 1.');
  await expect(page.getByRole('region', { name: 'Presenter' }).getByText(/^Step 1 starts your run over: .*delete its timeline/)).toBeVisible();
  for (let i = 1; i <= scenario.steps.length; i++) {
    await page.keyboard.press(i % 2 ? 'ArrowRight' : 'Space');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(scenario.steps[i - 1]!.does);
    await expect(status).toHaveText(`Step ${i}: done`, { timeout: 20_000 });
  }
  // ← goes back to the previous narration without playing anything again.
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(scenario.steps[scenario.steps.length - 2]!.does);
  await expect(status).toHaveText(`Step ${scenario.steps.length - 1}: done`);
  // R starts over: the run is reset, the title card is back, and nothing is ticked.
  await page.keyboard.press('r');
  await expect(status).toHaveText('Press → or Space to play step 1.');
  await expect.poll(async () => ((await (await page.request.get('/api/runs/current/events')).json()) as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(['run.reset']);
  expect(Date.now() - started).toBeLessThan(60_000);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`/scenarios/${scenario.id}$`));
});

test('the played read-only-then-write fits the sequence diagram at 1280×800, without scrolling', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/timeline');
  const scenario = scenarioById('read-only-then-write')!;
  for (let i = 1; i <= scenario.steps.length; i++) {
    const r = await page.request.post(`/api/runs/current/scenarios/${scenario.id}/play`, { data: { step: i } });
    expect(r.status(), await r.text()).toBe(200);
  }
  await page.reload();
  const diagram = page.getByRole('figure', { name: 'Sequence diagram' });
  // From the sign-in that starts it to the refused write (403), all drawn.
  const first = diagram.getByRole('button', { name: /client\.sign_in_started|started sign-in/ }).first();
  const refused = diagram.getByRole('button', { name: /answered 403/ }).last();
  await expect(first).toBeVisible();
  await expect(refused).toBeVisible();
  const box = await diagram.boundingBox();
  expect(box, 'the diagram is drawn').not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(800);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});
