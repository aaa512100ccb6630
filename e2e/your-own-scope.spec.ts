/**
 * Scenario `your-own-scope`: invent a scope, give it a meaning, watch it travel.
 *
 * 1. On the timeline, open "Scopes and rules"; define notes:purge, meaning
 *    "Delete notes for good", and make delete need it (instead of notes:write). Save.
 * 2. In Notes Assistant, sign in as alice with "Read and write" (notes:read notes:write).
 * 3. Delete a note: the Notes API answers 403 insufficient_scope with
 *    scope="notes:purge" (RFC 6750 §3.1); Notes Assistant offers to ask for it.
 * 4. Ask for notes:purge: the consent page shows it with its meaning; allow.
 * 5. Delete again: it succeeds.
 * 6. In "Scopes and rules", add the office-hours rule (deletes refused outside
 *    09:00-17:00 UTC); jump the run's clock to 22:00 UTC.
 * 7. Delete another note: refused by the policy, and the timeline's checklist
 *    for that decision names the rule office-hours.
 */
import { expect, test, type Page } from '@playwright/test';
import { AuthorizationServerPages } from './pages/client-authorization-server';
import { NotesAssistant } from './pages/client-notes-assistant';
import { runEvents } from './pages/client-timeline-api';
import { TimelinePage } from './pages/timeline-page';

/** This lesson crosses four parties' pages; on a loaded machine a leg may take a while. */
const slow = { timeout: 30_000 };

/** Seconds from now to the next 22:00 UTC, from the calendar. */
function secondsToNext22(): number {
  const now = new Date();
  const target = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 22, 0, 30);
  const t = target > now.getTime() ? target : target + 86_400_000;
  return Math.ceil((t - now.getTime()) / 1000);
}

async function openPanel(page: Page) {
  const timeline = new TimelinePage(page);
  await timeline.goto();
  await timeline.controls.getByRole('link', { name: 'Scopes and rules' }).click();
  await expect(page.getByRole('heading', { name: 'Scopes and rules', level: 1 })).toBeVisible(slow);
  await expect(page.getByRole('form', { name: 'Scopes and rules' })).toHaveAttribute('aria-busy', 'false', slow);
}

test('your-own-scope: define notes:purge, need it for delete, grant it at consent, then an office-hours rule refuses', async ({ page }) => {
  test.setTimeout(180_000); // seven legs through four parties' pages on a shared machine
  const app = new NotesAssistant(page);
  const as = new AuthorizationServerPages(page);

  await test.step('Scopes and rules: define notes:purge and make delete need it', async () => {
    // Long-lived tokens, so the clock jump later tests the rule, not token expiry.
    await new TimelinePage(page).goto();
    await new TimelinePage(page).patchSettings({ accessTokenTtl: 2 * 86_400, refreshTokenTtl: 3 * 86_400 });
    await openPanel(page);
    await page.getByRole('button', { name: 'Add a scope' }).click();
    await page.getByLabel('Scope name').last().fill('notes:purge');
    await page.getByLabel(/^Meaning/).last().fill('Delete notes for good');
    await page.getByRole('checkbox', { name: 'delete needs notes:write' }).uncheck();
    await page.getByRole('checkbox', { name: 'delete needs notes:purge' }).check();
    await page.getByRole('button', { name: 'Save scopes and rules' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved. New authorization requests and Notes API calls of this run use it now.', slow);
    await expect(page.locator('[data-cell="editor-delete"]')).toHaveText('notes:purge', slow);
  });

  await test.step('authorization request and consent: alice grants notes:read notes:write', async () => {
    await app.goto();
    await app.signIn('Read and write');
    await page.waitForURL(/\/as\/authorize/, slow);
    await as.signInAs('alice');
    await as.consent(['openid', 'profile', 'offline_access', 'notes:read', 'notes:write']);
    await page.waitForURL(/\/client\/notes$/, slow);
    await app.expectOnNotesPage();
  });

  await test.step('resource request: delete is refused, 403 insufficient_scope naming notes:purge', async () => {
    await app.deleteNote('Groceries');
    await expect(app.lastAction()).toContainText('the access token lacks the scope notes:purge', slow);
    await expect(app.lastAction()).toContainText('403 insufficient_scope', slow);
    const events = (await runEvents(page.request)) as unknown as { type: string; http?: { response?: { status?: number; headers?: Record<string, string> } } }[];
    const refused = events.filter((e) => e.type === 'resource_request.received' && e.http?.response?.status === 403).at(-1);
    expect(refused?.http?.response?.headers?.['www-authenticate']).toContain('error="insufficient_scope"');
    expect(refused?.http?.response?.headers?.['www-authenticate']).toContain('scope="notes:purge"');
  });

  await test.step('ask for notes:purge: the consent page shows its meaning; allow', async () => {
    await page.getByRole('button', { name: 'Ask for notes:purge' }).click();
    await page.waitForURL(/\/as\/authorize/, slow);
    await expect(page.getByRole('checkbox', { name: 'notes:purge' })).toBeVisible(slow);
    await expect(page.locator('#meaning-notes\\:purge')).toHaveText('Delete notes for good', slow);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(/\/client\/notes$/, slow);
    await app.expectOnNotesPage();
    await expect(app.grantedScopes().filter({ hasText: 'notes:purge' })).toHaveCount(1, slow);
  });

  await test.step('resource request: the delete succeeds', async () => {
    await app.deleteNote('Groceries');
    await expect(app.note('Groceries')).toHaveCount(0, slow);
  });

  await test.step('an office-hours rule, then a clock jump to 22:00 UTC', async () => {
    await openPanel(page);
    await page.getByRole('button', { name: 'Add the office-hours rule' }).click();
    await page.getByRole('button', { name: 'Save scopes and rules' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText(/^Saved/, slow);
    await expect(page.locator('[data-cell="editor-delete"]')).toContainText('unless office-hours', slow);
    await new TimelinePage(page).patchSettings({ clockOffset: secondsToNext22() });
  });

  await test.step('resource request: the rule refuses the delete', async () => {
    await page.goto('/client/notes');
    await expect(app.note('Team meeting agenda')).toBeVisible(slow);
    await app.deleteNote('Team meeting agenda');
    await expect(app.lastAction()).toContainText('more scope would not help', slow);
    await expect(app.lastAction()).toContainText('office-hours', slow);
    await expect(app.note('Team meeting agenda')).toHaveCount(1, slow);
  });

  await test.step('timeline: the checklist names the rule and the clock', async () => {
    const timeline = new TimelinePage(page);
    await timeline.goto();
    await timeline.event(/Policy refuses delete at the rule step: office-hours/).last().click();
    const checks = timeline.detail.getByRole('region', { name: 'Checks' });
    await expect(checks.getByRole('listitem', { name: /scope: passed, delete needs notes:purge/ })).toBeVisible(slow);
    await expect(checks.getByRole('listitem', { name: /rule: failed, office-hours: Notes are deleted only during office hours .*the run's clock says 22:0\d UTC/ })).toBeVisible(slow);
  });
});
