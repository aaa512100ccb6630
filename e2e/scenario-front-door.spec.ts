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
  // Leftovers of an earlier start of this scenario (walk2 fault 6): the title card must not draw them.
  expect((await page.request.post(`/api/runs/current/reset?scenario=${scenario.id}`)).status()).toBe(200);
  expect((await page.request.patch('/api/runs/current', { data: { accessTokenTtl: 600 } })).status()).toBe(200);
  await page.goto(`/scenarios/${scenario.id}/present`);
  await expect(page.getByRole('region', { name: 'Presenter' })).toHaveAttribute('data-ready', 'yes');
  const diagram = page.getByRole('region', { name: 'Live diagram' });
  await expect(diagram).toHaveAttribute('data-run-events', '2'); // the run's events have arrived
  await expect(diagram).toContainText('No events yet.');
  await expect(diagram.getByRole('button')).toHaveCount(0);
  const started = Date.now();
  const status = page.getByRole('region', { name: 'Presenter' }).getByRole('status');
  await expect(status).toHaveText('Press → or Space to play step 1.');
  await expect(page.getByRole('region', { name: 'Presenter' }).getByText(/^Step 1 starts your run over: .*delete its timeline/)).toBeVisible();
  for (let i = 1; i <= scenario.steps.length; i++) {
    await page.keyboard.press(i % 2 ? 'ArrowRight' : 'Space');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(scenario.steps[i - 1]!.does);
    await expect(status).toHaveText(`Step ${i}: done`, { timeout: 20_000 });
  }
  // What this presentation played is drawn, from its own start.
  await expect(diagram.getByRole('button', { name: /answered 403/ }).last()).toBeVisible();
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

  await test.step('an event open beside the narrowed diagram: no label or lane name broken inside a word (walk2 fault 7)', async () => {
    await diagram.getByRole('button', { name: /client\.sign_in_started|started sign-in/ }).first().click();
    const detail = page.getByRole('region', { name: 'Event detail' });
    await expect(detail).toBeVisible();
    // Each word (letters and digits; a soft hyphen inside counts as the word's) must sit on one line: one box per word.
    const split = await diagram.evaluate((fig) => {
      const broken: string[] = [];
      const walker = document.createTreeWalker(fig, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (const m of (n.textContent ?? '').matchAll(/[A-Za-z0-9\u00AD]+/g)) {
          const r = document.createRange();
          r.setStart(n, m.index);
          r.setEnd(n, m.index + m[0].length);
          if (new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size > 1) broken.push(m[0]);
        }
      }
      return broken;
    });
    expect(split).toEqual([]);

    // Walk2 fault 8: the "new events below" button, when one arrives while an event is open, never covers the detail.
    const r = await page.request.patch('/api/runs/current', { data: { accessTokenTtl: 300 } });
    expect(r.status()).toBe(200);
    const below = page.getByRole('button', { name: /↓ 1 new event below/ });
    await expect(below).toBeVisible();
    const [b, d] = [(await below.boundingBox())!, (await detail.boundingBox())!];
    const overlaps = b.x < d.x + d.width && d.x < b.x + b.width && b.y < d.y + d.height && d.y < b.y + b.height;
    expect(overlaps, `button ${JSON.stringify(b)} detail ${JSON.stringify(d)}`).toBe(false);
  });

  await test.step('a run taller than the screen opens at its newest event, not its oldest (walk2 fault 9)', async () => {
    await page.setViewportSize({ width: 1280, height: 480 });
    await page.reload();
    const newest = diagram.getByRole('button', { name: /Run settings changed: accessTokenTtl/ });
    await expect(newest).toBeInViewport();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });
});
