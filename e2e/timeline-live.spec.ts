import { expect, test } from '@playwright/test';
import { TimelinePage } from './pages/timeline-page';

test.describe('Timeline, live', () => {
  test('a new event appears in the sequence view without a reload', async ({ page }) => {
    const timeline = new TimelinePage(page);
    let loads = 0;
    page.on('load', () => loads++);
    await timeline.goto();
    await timeline.waitUntilLive();

    await test.step('a settings change is recorded by the server', async () => {
      await timeline.patchSettings({ accessTokenTtl: 120 });
    });
    await test.step('it arrives over the stream, as an info event on the Sandbox lane', async () => {
      const item = timeline.event(/Sandbox: Run settings changed: accessTokenTtl \(info\)/);
      await expect(item).toBeVisible({ timeout: 3000 });
      await expect(timeline.items().last()).toHaveAttribute('data-outcome', 'info');
    });
    expect(loads).toBe(1);
  });

  test('run controls: the clock jumps ahead and the change lands on the timeline', async ({ page }) => {
    const timeline = new TimelinePage(page);
    await timeline.goto();
    await timeline.waitUntilLive();
    await expect(timeline.controls.getByLabel('Clock offset')).toHaveText('at the real time');
    await timeline.controls.getByRole('button', { name: 'Jump 5 min ahead' }).click();
    await expect(timeline.controls.getByLabel('Clock offset')).toHaveText('5 min ahead');
    await expect(timeline.event(/Run settings changed: clockOffset/)).toBeVisible();
    await timeline.controls.getByRole('button', { name: 'Jump 1 h ahead' }).click();
    await expect(timeline.controls.getByLabel('Clock offset')).toHaveText('65 min ahead');
    await timeline.controls.getByLabel('Resource server verifies').selectOption('introspection');
    await expect(timeline.event(/Run settings changed: verificationMode/)).toBeVisible();
    const run = await (await page.request.get('/api/runs/current')).json();
    expect(run.settings).toMatchObject({ clockOffset: 3900, verificationMode: 'introspection' });
    // A change made elsewhere (curl, another tab) shows in the controls too.
    await timeline.patchSettings({ accessTokenFormat: 'opaque', accessTokenTtl: 45 });
    await expect(timeline.controls.getByLabel('Access token format')).toHaveValue('opaque');
    await expect(timeline.controls.getByLabel('Access token lifetime (s)')).toHaveValue('45');
    // The time-of-day field reads 22:00 as the README and the scenarios write it (a type=time field shows "10:00 PM" in
    // Chromium's en-US), and the run's own time is shown beside the offset: set to 22:00, it reads 22:00 UTC.
    const timeOfDay = timeline.controls.getByLabel('Time of day (UTC)');
    await expect(timeOfDay).toHaveValue('22:00');
    expect(await timeOfDay.evaluate((e) => (e as HTMLInputElement).type)).toBe('text');
    await timeOfDay.fill('22:00');
    await timeline.controls.getByRole('button', { name: 'Set the clock' }).click();
    await expect(timeline.controls.getByRole('status')).toHaveText('Clock set to 22:00 UTC');
    await expect(timeline.controls.getByLabel('Run time')).toHaveText('22:00 UTC');
  });

  test('the stream sends id: seq and resumes after Last-Event-ID', async ({ page }) => {
    const timeline = new TimelinePage(page);
    await timeline.goto();
    await timeline.patchSettings({ accessTokenTtl: 100 });
    await timeline.patchSettings({ accessTokenTtl: 200 });
    // Read until event 2 has arrived (the stream sends in order), not for a fixed time.
    const all = await timeline.readStreamUntil(/id: 2\ndata: .*\n\n/);
    expect(all).toMatch(/^200 text\/event-stream/);
    expect(all).toMatch(/id: 1\ndata: \{.*"type":"run.settings_changed"/);
    expect(all).toMatch(/id: 2\ndata: /);
    // Resumed after 1: event 2 arrives, and event 1, which would have come before it, did not.
    const resumed = await timeline.readStreamUntil(/id: 2\ndata: .*\n\n/, { lastEventId: '1' });
    expect(resumed).not.toMatch(/id: 1\n/);
    expect(resumed).toMatch(/id: 2\ndata: /);
  });

  test('reset empties the run; export and import show it read only; a malformed file gets a clear error', async ({ page }) => {
    const timeline = new TimelinePage(page);
    await timeline.goto();
    await timeline.waitUntilLive();
    await timeline.patchSettings({ accessTokenFormat: 'opaque' });
    await expect(timeline.event(/accessTokenFormat/)).toBeVisible();

    await test.step('reset', async () => {
      page.once('dialog', (d) => void d.accept());
      await timeline.controls.getByRole('button', { name: 'Reset run' }).click();
      await expect(timeline.items()).toHaveCount(1);
      await expect(timeline.event(/#1 Sandbox: Run reset/)).toBeVisible();
      await expect(timeline.controls.getByLabel('Access token format')).toHaveValue('jwt');
    });

    await test.step('export, then open the file read only', async () => {
      await timeline.patchSettings({ accessTokenTtl: 77 });
      await expect(timeline.items()).toHaveCount(2);
      const file = await timeline.exportText();
      await timeline.controls.getByLabel('Open exported run…').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(file) });
      await expect(page.getByRole('region', { name: 'Imported run' })).toContainText('2 events, read only');
      await expect(timeline.event(/accessTokenTtl/)).toBeVisible();
      await expect(timeline.controls).toHaveCount(0);
      await page.getByRole('button', { name: 'Back to my live run' }).click();
    });

    await test.step('a malformed file', async () => {
      await timeline.controls.getByLabel('Open exported run…').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something else"}') });
      await expect(timeline.controls.getByRole('alert')).toHaveText('Not a valid exported run: format must be "oauth-sandbox-run": this is not an exported run.');
    });
  });
});

test('the panel on a party page updates live without a reload', async ({ page }) => {
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto('/client');
  const panel = page.getByRole('complementary', { name: 'Timeline panel' });
  await expect(panel.getByRole('status', { name: /Live/ })).toBeVisible();
  await panel.getByRole('button', { name: /Timeline \(\d+\)/ }).click();
  const r = await page.request.patch('/api/runs/current', { data: { accessTokenTtl: 600 } });
  expect(r.status()).toBe(200);
  await expect(panel.getByRole('list', { name: 'Timeline panel events' }).getByRole('button', { name: /Run settings changed: accessTokenTtl/ })).toBeVisible();
  await expect(panel.getByRole('button', { name: /^Open the latest event/ })).toContainText('Run settings changed');
  expect(loads).toBe(1);
});

test('when the stream is refused, the timeline falls back to polling and still updates', async ({ page }) => {
  await page.route('**/api/runs/current/stream**', (route) => route.fulfill({ status: 503, body: 'no streams here' }));
  const timeline = new TimelinePage(page);
  await timeline.goto();
  await expect(page.getByRole('status', { name: 'Timeline status: Live (polling)' })).toBeVisible();
  await timeline.patchSettings({ accessTokenTtl: 450 });
  await expect(timeline.event(/Run settings changed: accessTokenTtl/)).toBeVisible({ timeout: 5000 });
  // A reset elsewhere: polling notices that the last event is gone and starts again.
  expect((await page.request.post('/api/runs/current/reset')).status()).toBe(200);
  await expect(timeline.event(/^#1 Sandbox: Run reset/)).toBeVisible({ timeout: 5000 });
  await expect(timeline.items()).toHaveCount(1);
});
