import { expect, test } from '@playwright/test';
import { TimelinePage } from './pages/timeline-page';

test('an event’s detail opens by keyboard and closes with Escape, focus back on the event', async ({ page }) => {
  const timeline = new TimelinePage(page);
  await timeline.goto();
  await timeline.patchSettings({ refreshTokenTtl: 3600 });
  const item = timeline.event(/Run settings changed: refreshTokenTtl/);
  await expect(item).toBeVisible();

  await item.focus();
  await page.keyboard.press('Enter');
  await expect(timeline.detail).toBeVisible();
  await expect(timeline.detail.getByRole('heading', { level: 3 })).toBeFocused();
  await expect(timeline.detail).toContainText('The run’s settings changed');
  await expect(timeline.detail.getByRole('region', { name: 'HTTP request' })).toContainText('PATCH /api/runs/current');
  await expect(timeline.detail.getByRole('region', { name: 'HTTP response' })).toContainText('HTTP 200');

  await page.keyboard.press('Escape');
  await expect(timeline.detail).toHaveCount(0);
  await expect(item).toBeFocused();

  // Up and Down move between events.
  await timeline.patchSettings({ accessTokenTtl: 90 });
  await expect(timeline.items()).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(timeline.event(/^#2 /)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(item).toBeFocused();
});
