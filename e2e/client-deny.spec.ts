import { expect, test } from '@playwright/test';
import { AuthorizationServerPages } from './pages/client-authorization-server';
import { NotesAssistant } from './pages/client-notes-assistant';
import { clientEvents, inOrder } from './pages/client-timeline-api';

test('the user clicks Deny at consent: the app explains access_denied and offers to try again', async ({ page }) => {
  const app = new NotesAssistant(page);
  const as = new AuthorizationServerPages(page);

  await test.step('authorization request: read only', async () => {
    await app.goto();
    await app.signIn('Read only');
  });

  await test.step('consent: alice clicks Deny', async () => {
    await as.signInAs('alice');
    const callback = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/auth/callback/sandbox');
    await as.deny();
    const params = new URL((await callback).url()).searchParams;
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('code')).toBeNull();
  });

  await test.step('callback: the error page explains and offers to try again', async () => {
    await expect(page).toHaveURL(/\/client\/error\?/);
    const failure = page.getByRole('region', { name: 'Sign-in failed' });
    await expect(failure).toContainText('You said no.');
    await expect(failure).toContainText('error=access_denied');
    await page.getByRole('link', { name: 'Try again' }).click();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  });

  await test.step('timeline: the callback was recorded as denied, and no tokens were received', async () => {
    const events = await clientEvents(page.request);
    expect(inOrder(events, ['client.sign_in_started:info', 'client.callback_received:denied']), events.join(', ')).toBe(true);
    expect(events.filter((e) => e.startsWith('client.tokens_received'))).toEqual([]);
  });
});
