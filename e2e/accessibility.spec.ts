import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations, expectTheme, switchTheme, useDisplayPrefs } from './pages/accessibility';
import { AuthorizationServerPages } from './pages/client-authorization-server';
import { NotesAssistant } from './pages/client-notes-assistant';
import { TimelinePage } from './pages/timeline-page';

/**
 * Every page a visitor can open directly, checked by axe-core in light and
 * dark mode (WCAG 2.2 AA: contrast among the rules). Add a page here and it is
 * checked in both themes.
 */
export const PAGES: readonly string[] = [
  '/',
  '/timeline',
  '/client',
  '/as',
  '/rs',
  '/scenarios',
  '/scenarios/read-only-then-write',
  '/scenarios/read-only-then-write/present',
  '/attacks',
  '/timeline/scopes',
  '/register',
  '/agent',
  // Notes Agent's callback with nothing pending: a real redirect to /agent with its "stopped" alert.
  '/agent/callback',
];

/**
 * Each page is loaded once, in dark mode (the saved choice applied before the
 * first paint), checked, then switched to light in place as the display
 * toggle does and checked again: both themes, half the page loads.
 */
async function inBothThemes(page: Page, what: string) {
  await expectTheme(page, 'dark');
  await expectNoSeriousViolations(page, `${what} (dark)`);
  await switchTheme(page, 'light');
  await expectNoSeriousViolations(page, `${what} (light)`);
  await switchTheme(page, 'dark');
}

// axe-core reads every element's colours: seconds on a quiet machine, much longer on a loaded one.
test.describe.configure({ timeout: 300_000 });

test.describe('dark and light mode', () => {
  test.beforeEach(async ({ page }) => {
    await useDisplayPrefs(page, { dark: true });
  });

  // One test walks every page in one browser page (one step each, named by the path).
  test('every page: no serious or critical axe-core violation', async ({ page }) => {
    test.setTimeout(PAGES.length * 120_000);
    for (const path of PAGES) {
      await test.step(`${path}: no serious or critical axe-core violation, dark then light`, async () => {
        await page.goto(path);
        await expect(page.getByRole('main')).toBeVisible();
        await inBothThemes(page, path);
      });
    }
  });

  test('the pages of a flow: sign-in, consent, notes with a refusal, timeline with an event open, the timeline panel', async ({ page }) => {
    test.setTimeout(900_000);
    const app = new NotesAssistant(page);
    const as = new AuthorizationServerPages(page);
    await app.goto();
    await app.signIn('Read and write');
    await expect(page.getByRole('button', { name: 'Sign in as alice' })).toBeVisible();
    await inBothThemes(page, 'sign-in page');
    await as.signInAs('alice');
    await expect(page.getByRole('heading', { name: 'Allow access?' })).toBeVisible();
    await inBothThemes(page, 'consent page');
    await as.consent(['openid', 'profile', 'offline_access', 'notes:read']);
    await app.expectOnNotesPage();
    await app.createNote('Contrast check', 'refused: read only');
    await expect(app.lastAction()).toContainText('insufficient_scope');
    await inBothThemes(page, 'notes page with a refusal');

    // The timeline panel, open, with an event's detail.
    await page.getByRole('button', { name: /Timeline \(\d+\)/ }).click();
    await expect(page.getByRole('list', { name: 'Timeline panel events' })).toBeVisible();
    await inBothThemes(page, 'notes page with the timeline panel open');

    const timeline = new TimelinePage(page);
    await timeline.goto();
    await timeline.event(/insufficient_scope|refused|denied/).first().click();
    await expect(timeline.detail).toBeVisible();
    await inBothThemes(page, 'timeline with an event open');

    // Notes Agent's "Done" status, after its run (alice is still signed in at the authorization server).
    await page.goto('/agent');
    // It asks for exactly one scope each time: Allow as asked ("exact": the open timeline panel has events named "Policy allows ...").
    const allow = page.getByRole('button', { name: 'Allow', exact: true });
    await page.getByRole('button', { name: 'Start Notes Agent' }).click();
    await expect(page.locator('input[type="checkbox"][value="notes:read"]')).toBeVisible();
    await allow.click();
    await expect(page.locator('input[type="checkbox"][value="notes:write"]')).toBeVisible(); // the step-up's consent page
    await allow.click();
    await expect(page.getByRole('status').filter({ hasText: 'Done:' })).toBeVisible();
    await inBothThemes(page, 'Notes Agent done');
  });
});
