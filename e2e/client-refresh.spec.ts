import { expect, test } from '@playwright/test';
import { AuthorizationServerPages } from './pages/client-authorization-server';
import { NotesAssistant } from './pages/client-notes-assistant';
import { clientEvents, inOrder, introspect, runEvents } from './pages/client-timeline-api';

const WRITE = ['openid', 'profile', 'offline_access', 'notes:read', 'notes:write'];

test('an expired access token is refreshed (with rotation) and the call retried once', async ({ page }) => {
  const app = new NotesAssistant(page);
  const as = new AuthorizationServerPages(page);
  let firstRefreshToken = '';

  await test.step('authorization code flow: alice grants read and write, with offline_access', async () => {
    await app.goto();
    await app.signIn('Read and write');
    await as.signInAs('alice');
    await as.consent(WRITE);
    await app.expectOnNotesPage();
    await expect(app.readingNotes()).toHaveCount(0);
    const received = (await runEvents(page.request)).find((e) => e.type === 'client.tokens_received');
    firstRefreshToken = received?.tokens?.find((t) => t.kind === 'refresh_token')?.raw ?? '';
    expect(firstRefreshToken).not.toBe('');
  });

  await test.step('time travel: the run’s clock moves an hour ahead, past the access token’s expiry', async () => {
    const r = await page.request.patch('/api/runs/current', { data: { clockOffset: 3600 } });
    expect(r.status()).toBe(200);
  });

  await test.step('resource request: 401 invalid_token, refresh, retry once, notes read', async () => {
    await page.reload();
    await app.expectOnNotesPage();
    await expect(app.readingNotes()).toContainText('Your notes were read.');
    await expect(app.readingNotes()).toContainText('used its refresh token');
    await expect(app.note('Groceries')).toBeVisible();
  });

  await test.step('rotation: the first refresh token is no longer active', async () => {
    expect(await introspect(page.request, firstRefreshToken)).toEqual({ active: false });
  });

  await test.step('the refreshed token works for a write too, without another refresh', async () => {
    await app.createNote('Written after a refresh');
    await expect(app.lastAction()).toContainText('The note was created.');
  });

  await test.step('timeline: refused, refreshed, retried', async () => {
    const events = await clientEvents(page.request);
    expect(
      inOrder(events, ['client.tokens_received:ok', 'client.resource_called:denied', 'client.token_refreshed:ok', 'client.resource_called:ok']),
      events.join(', '),
    ).toBe(true);
    expect(events.filter((e) => e === 'client.token_refreshed:ok')).toHaveLength(1);
  });
});
