import { expect, test } from '@playwright/test';
import { AuthorizationServerPages } from './pages/client-authorization-server';
import { NotesAssistant } from './pages/client-notes-assistant';
import { clientEvents, inOrder } from './pages/client-timeline-api';

const WRITE = ['openid', 'profile', 'offline_access', 'notes:read', 'notes:write'];

test('bob, a viewer, grants write access and is still refused by the policy, with the reason shown', async ({ page }) => {
  const app = new NotesAssistant(page);
  const as = new AuthorizationServerPages(page);

  await test.step('authorization request: read and write', async () => {
    await app.goto();
    await app.signIn('Read and write');
  });

  await test.step('consent: bob grants everything, notes:write included', async () => {
    await as.signInAs('bob');
    await as.consent(WRITE);
  });

  await test.step('callback and token: notes:write is granted', async () => {
    await app.expectOnNotesPage();
    await expect(app.grantedScopes()).toHaveText(WRITE);
    await expect(page.getByRole('form', { name: 'New note' }).getByText('needs notes:write: granted')).toBeVisible();
  });

  await test.step('resource request: the write is refused by the policy, not for scope', async () => {
    await app.createNote('Bob tries to write');
    const result = app.lastAction();
    await expect(result).toContainText('more scope would not help');
    await expect(result).toContainText('viewer');
    await expect(result).not.toContainText('insufficient_scope');
    await expect(page.getByRole('button', { name: 'Ask for write access' })).toHaveCount(0);
  });

  await test.step('timeline: the client saw a denial after its tokens', async () => {
    const events = await clientEvents(page.request);
    expect(inOrder(events, ['client.tokens_received:ok', 'client.resource_called:ok', 'client.resource_called:denied']), events.join(', ')).toBe(true);
  });
});
