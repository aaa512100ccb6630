import { expect, test } from '@playwright/test';
import { AuthorizationServerPages } from './pages/client-authorization-server';
import { NotesAssistant } from './pages/client-notes-assistant';
import { TimelinePage } from './pages/timeline-page';

const READ = ['openid', 'profile', 'offline_access', 'notes:read'];
const WRITE = [...READ, 'notes:write'];

/**
 * The README's "Try it: the three questions", step by step exactly as
 * written, in one browser context from start to end (alice, then bob),
 * pressing only what the README names. If this fails, the README is wrong.
 */
test('README "Try it": the three questions, walked as written in one browser', async ({ page }) => {
  // A long walk (three sign-ins, a dozen page loads): generous on a loaded machine; every step waits for a condition.
  test.setTimeout(600_000);
  const app = new NotesAssistant(page);
  const as = new AuthorizationServerPages(page);

  await test.step('1. /client, Read and write, Sign in; alice; uncheck notes:write, Allow', async () => {
    await page.goto('/client');
    await page.getByRole('radio', { name: /^Read and write/ }).check();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The README sends readers to /as from the header of the sign-in page: its link looks like one (underlined, not only on hover).
    await expect(page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Authorization server', exact: true })).toHaveCSS('text-decoration-line', 'underline');
    await page.getByRole('button', { name: 'Sign in as alice' }).click();
    await expect(page.getByRole('heading', { name: 'Allow access?' })).toBeVisible();
    await page.getByRole('checkbox', { name: 'notes:write', exact: true }).uncheck();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await app.expectOnNotesPage();
    await expect(app.grantedScopes()).toHaveText(READ);
  });

  await test.step('2. read works; a write gets 403 insufficient_scope naming notes:write; Ask for write access; new scope marked; Try again succeeds', async () => {
    await expect(app.note('Groceries')).toBeVisible();
    await app.createNote('Walk the README', 'Written after asking for write access.');
    await expect(app.lastAction()).toContainText('403 insufficient_scope');
    await expect(app.lastAction()).toContainText('notes:write');
    // The footer panel spells the error code as the page, the challenge and RFC 6750 §3.1 do.
    await expect(page.getByRole('complementary', { name: 'Timeline panel' })).toContainText('POST /rs/api/notes: 403 insufficient_scope');
    await page.getByRole('button', { name: 'Ask for write access' }).click();
    await expect(page.getByRole('heading', { name: 'Allow access?' })).toBeVisible();
    // The consent page marks the scope that is new, and only that one.
    const writeRow = page.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name: 'notes:write', exact: true }) });
    await expect(writeRow).toContainText('new: not granted before');
    await expect(page.getByText('new: not granted before')).toHaveCount(1);
    // On a 1280x800 screen the new scope and Allow are on the first screen, with no scrolling.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(writeRow).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('button', { name: 'Allow', exact: true })).toBeInViewport({ ratio: 1 });
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await app.expectOnNotesPage();
    await expect(app.grantedScopes()).toHaveText(WRITE);
    // What was typed is still there, and the same write is offered again.
    const form = page.getByRole('form', { name: 'New note' });
    await expect(form.getByLabel('Title')).toHaveValue('Walk the README');
    await expect(form.getByLabel('Text')).toHaveValue('Written after asking for write access.');
    await form.getByRole('button', { name: /^Try again/ }).click();
    await expect(app.lastAction()).toContainText('The note was created');
    await expect(app.note('Walk the README')).toBeVisible();
    await expect(form.getByLabel('Title')).toHaveValue('');
  });

  await test.step('a result belongs to its action: a reload does not show it again', async () => {
    await page.reload();
    await app.expectOnNotesPage();
    await expect(app.lastAction()).toHaveCount(0);
  });

  await test.step('3. Sign in as someone else; bob; Allow everything; a write is refused by the policy, naming the rule', async () => {
    const authorizationRequest = page.waitForRequest((r) => new URL(r.url()).pathname === '/as/authorize');
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    expect(new URL((await authorizationRequest).url()).searchParams.get('prompt')).toBe('login');
    // The authorization server still remembers alice, and shows its sign-in page anyway.
    await page.getByRole('button', { name: 'Sign in as bob' }).click();
    await as.consent(WRITE);
    await app.expectOnNotesPage();
    await expect(page.getByText(/Signed in as .*\(bob\)/)).toBeVisible();
    await expect(app.grantedScopes()).toHaveText(WRITE);
    await app.createNote('Bob writes');
    await expect(app.lastAction()).toContainText('more scope would not help');
    await expect(app.lastAction()).toContainText('Rule:');
    await expect(app.lastAction()).not.toContainText('insufficient_scope');
  });

  await test.step('the authorization server’s own sign-out, reachable from its page', async () => {
    await page.goto('/as');
    await expect(page.getByText(/Signed in at the authorization server as\s*bob/)).toBeVisible();
    await page.getByRole('button', { name: 'Sign out of the authorization server' }).click();
    await expect(page.getByRole('main').getByRole('status')).toContainText('bob is signed out of the authorization server');
    await expect(page.getByText('Nobody is signed in at the authorization server in this browser.')).toBeVisible();
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'OAuth Sandbox home' }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  await test.step('4. /timeline: four lanes; an event’s detail; introspection; revoke a token from its detail; jump the clock', async () => {
    const timeline = new TimelinePage(page);
    await timeline.goto();
    await timeline.waitUntilLive();
    await timeline.controls.getByLabel('Resource server verifies').selectOption('introspection');
    await expect(timeline.event(/Run settings changed: verificationMode/)).toBeVisible();
    await timeline.event(/Client → Authorization server: Code exchanged/).last().click();
    const token = timeline.detail.getByRole('region', { name: 'Access token (JWT)' });
    await token.getByRole('button', { name: 'Revoke this token' }).click();
    await expect(token.getByRole('status')).toContainText('Revoked');
    await expect(timeline.event(/Sandbox → Authorization server: You revoked the access token/)).toBeVisible();
    await timeline.controls.getByRole('button', { name: 'Jump 1 h ahead' }).click();
    await expect(timeline.controls.getByLabel('Clock offset')).toHaveText('1 h ahead');
    // Back at Notes Assistant the refused token is replaced by a refresh; the words follow what the Notes API said.
    await page.goto('/client/notes');
    await expect(app.readingNotes()).toContainText('The Notes API refused the access token (401 invalid_token');
    await expect(app.readingNotes()).not.toContainText('had expired');
  });
});
