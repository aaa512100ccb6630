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
    });

    await test.step('nor through the events API or the export', async () => {
      const events = await (await them.page.request.get('/api/runs/current/events')).json();
      expect(events.events).toEqual([]);
      const exported = JSON.parse(await them.exportText());
      expect(exported.events).toEqual([]);
      expect(JSON.stringify(exported)).not.toContain('4242');
    });

    await test.step('nor live: after my event, an event of their own arrives on their page and stream, and nothing of mine', async () => {
      // "Nothing arrives" needs a later marker, not a fixed wait: their own event, made after mine
      // was published. Had mine reached their stream, it would have arrived before this one.
      await them.patchSettings({ accessTokenFormat: 'opaque' });
      await expect(them.event(/#1 .*Run settings changed: accessTokenFormat/)).toBeVisible();
      await expect(them.items()).toHaveCount(1);
      const stream = await them.readStreamUntil(/Run settings changed: accessTokenFormat.*\n\n/);
      expect(stream).toMatch(/^200 text\/event-stream/);
      expect(stream.match(/^data: \{/gm)).toHaveLength(1);
      expect(stream).not.toContain('4242');
      expect(stream).not.toContain('4343');
    });

    await test.step('my export hands out neither my run id nor my run key', async () => {
      const key = (await mine.cookies()).find((c) => c.name === 'sandbox_run_key')!;
      expect(key).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      const { id } = (await (await me.page.request.get('/api/runs/current')).json()) as { id: string };
      const exported = await me.exportText();
      expect(exported).not.toContain(id);
      expect(exported).not.toContain(key.value);
    });

    await test.step('the other visitor, knowing my run id, can read and change nothing of my run', async () => {
      const { id } = (await (await me.page.request.get('/api/runs/current')).json()) as { id: string };
      const named = { 'X-Sandbox-Run': id };
      expect((await them.page.request.get('/api/runs/current/events', { headers: named })).status()).toBe(403);
      expect((await them.page.request.get('/api/runs/current/export', { headers: named })).status()).toBe(403);
      expect((await them.page.request.post('/api/runs/current/reset', { headers: named })).status()).toBe(403);
      expect((await them.page.request.patch('/api/runs/current', { headers: named, data: { accessTokenTtl: 1 } })).status()).toBe(403);
      expect(await me.exportText()).toContain('4343');
    });
  } finally {
    await mine.close();
    await theirs.close();
  }
});
