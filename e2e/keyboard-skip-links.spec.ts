import { expect, test, type Page } from '@playwright/test';

// Several page loads per test: generous on a loaded machine.
test.describe.configure({ timeout: 180_000 });

/**
 * Presses Tab until the focused element matches `isTarget` (Enter on the way
 * when the focused element is the named skip link), and returns how many
 * keys it took: the measure issue 9 item 13 was filed with ("Full timeline"
 * was 36 Tabs away, the first event 23).
 */
async function keysTo(page: Page, route: string[], isTarget: () => boolean, max = 40): Promise<number> {
  let keys = 0;
  for (;;) {
    await page.keyboard.press('Tab');
    keys++;
    const name = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '');
    if (await page.evaluate(isTarget)) return keys;
    if (route.includes(name)) {
      await page.keyboard.press('Enter');
      keys++;
    }
    if (keys > max) throw new Error(`not reached in ${max} keys; last focus: ${name}`);
  }
}

test('the first Tab on every party’s page is a skip link to the main content, and it works', async ({ page }) => {
  for (const path of ['/', '/client', '/agent', '/as', '/rs', '/timeline']) {
    await page.goto(path);
    await expect(page.getByRole('main')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  }
});

test('landmarks: a banner with a link home, a main, and the timeline panel as its own landmark', async ({ page }) => {
  await page.goto('/client');
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('complementary', { name: 'Timeline panel' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'OAuth Sandbox home' })).toHaveAttribute('href', '/');
});

test('Tab counts: "Full timeline" in the panel and the first event on /timeline are a few keys away', async ({ page }) => {
  // Something on the timeline first: a settings change (run.settings_changed).
  await page.goto('/');
  expect((await page.request.patch('/api/runs/current', { data: { accessTokenTtl: 300 } })).status()).toBe(200);

  await page.goto('/client');
  await expect(page.getByRole('complementary', { name: 'Timeline panel' })).toBeVisible();
  const toFullTimeline = await keysTo(page, ['Skip to the timeline panel'], () => document.activeElement?.textContent?.trim() === 'Full timeline');
  expect(toFullTimeline).toBeLessThanOrEqual(6);

  // The timeline opens on its main view, the sequence diagram: its first message is the first event.
  await page.goto('/timeline');
  await expect(page.getByRole('list', { name: 'Sequence diagram: messages' }).getByRole('listitem').first()).toBeVisible();
  const toFirstEvent = await keysTo(page, ['Skip to main content', 'Skip to the events'], () =>
    Boolean(document.activeElement?.closest('ol[aria-label="Sequence diagram: messages"] > li')),
  );
  expect(toFirstEvent).toBeLessThanOrEqual(6);
});
