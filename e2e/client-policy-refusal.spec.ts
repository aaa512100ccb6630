import { expect, test } from '@playwright/test';
import { AuthorizationServerPages } from './pages/client-authorization-server';
import { NotesAssistant } from './pages/client-notes-assistant';
import { clientEvents, inOrder } from './pages/client-timeline-api';
import { TimelinePage } from './pages/timeline-page';

const WRITE = ['openid', 'profile', 'offline_access', 'notes:read', 'notes:write'];

test('bob, a viewer, grants write access and is still refused by the policy, with the reason shown', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new NotesAssistant(page);
  const as = new AuthorizationServerPages(page);

  await test.step('authorization request: read and write', async () => {
    await app.goto();
    await app.signIn('Read and write');
    await page.waitForURL(/\/as\/authorize/, { timeout: 30_000 });
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
    await expect(result).toContainText('more scope would not help', { timeout: 30_000 });
    // Issue 9 item 8: the role step itself refuses, naming the fact (bob's role), not a later rule.
    await expect(result).toContainText('bob is a viewer: a viewer may list and read notes, not create them.');
    await expect(result).toContainText('role-viewer');
    await expect(result).not.toContainText('insufficient_scope');
    await expect(page.getByRole('button', { name: 'Ask for write access' })).toHaveCount(0);
  });

  await test.step('notes list: a note shared with bob says so, and how', async () => {
    // Seeded: bob owns n4 (shared with alice for editing) and n5 (read-only); carol's n7 is public.
    await expect(app.note('Project plan')).toContainText('Yours, shared with alice (can edit)');
    await expect(app.note('Office hours')).toContainText('carol’s public note: anyone signed in can read it');
  });

  await test.step('timeline: the policy decision reads scope ∩ role, the role step naming bob’s role', async () => {
    const timeline = new TimelinePage(page);
    await timeline.goto();
    await timeline.event(/Policy refuses create at the role step: role-viewer/).last().click();
    const checks = timeline.detail.getByRole('region', { name: 'Checks' });
    await expect(checks.getByRole('listitem', { name: /scope: passed, create needs notes:write/ })).toBeVisible();
    await expect(checks.getByRole('listitem', { name: /role: failed, bob is a viewer: a viewer may list and read notes, not create them/ })).toBeVisible();
    await expect(checks.getByRole('listitem', { name: /role: passed/ })).toHaveCount(0);
  });

  await test.step('timeline: the client saw a denial after its tokens', async () => {
    const events = await clientEvents(page.request);
    expect(inOrder(events, ['client.tokens_received:ok', 'client.resource_called:ok', 'client.resource_called:denied']), events.join(', ')).toBe(true);
  });
});
