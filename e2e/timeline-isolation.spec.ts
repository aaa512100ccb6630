import { expect, test } from '@playwright/test';
import { TimelinePage } from './pages/timeline-page';

test('another visitor sees none of my events: not on the page, the stream, the events API or the export', async ({ browser }) => {
  const mine = await browser.newContext();
  const theirs = await browser.newContext();
  try {
    const me = new TimelinePage(await mine.newPage());
    const them = new TimelinePage(await theirs.newPage());

    await test.step('I make events in my run', async () => {
      await me.goto();
      await me.patchSettings({ accessTokenTtl: 4242 });
      await expect(me.event(/accessTokenTtl/)).toBeVisible();
      expect(await me.exportText()).toContain('4242');
    });

    await test.step('the other visitor’s page shows an empty run, live', async () => {
      await them.goto();
      await them.waitUntilLive();
      await expect(them.page.getByText('No events yet')).toBeVisible();
      await me.patchSettings({ accessTokenTtl: 4343 });
      await expect(me.event(/#2 /)).toBeVisible();
      await them.page.waitForTimeout(500);
      await expect(them.events).toHaveCount(0);
    });

    await test.step('nor through the stream, the events API or the export', async () => {
      const stream = await them.readStream(800);
      expect(stream).toMatch(/^200 text\/event-stream/);
      expect(stream).not.toContain('data: {');
      const events = await (await them.page.request.get('/api/runs/current/events')).json();
      expect(events.events).toEqual([]);
      const exported = JSON.parse(await them.exportText());
      expect(exported.events).toEqual([]);
      expect(JSON.stringify(exported)).not.toContain('4242');
    });

    await test.step('my export does not hand out my run id', async () => {
      const cookies = await mine.cookies();
      const id = cookies.find((c) => c.name === 'sandbox_run')!.value;
      expect(cookies.find((c) => c.name === 'sandbox_run')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      expect(await me.exportText()).not.toContain(id);
    });
  } finally {
    await mine.close();
    await theirs.close();
  }
});
