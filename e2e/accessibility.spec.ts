import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, expectTheme, useDisplayPrefs, type Theme } from './pages/accessibility';
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
];

const THEMES: readonly Theme[] = ['light', 'dark'];

// axe-core reads every element's colours: seconds on a quiet machine, much longer on a loaded one.
test.describe.configure({ timeout: 300_000 });

for (const theme of THEMES) {
  test.describe(`${theme} mode`, () => {
    test.beforeEach(async ({ page }) => {
      await useDisplayPrefs(page, { dark: theme === 'dark' });
    });

    // One test per theme walks every page in one browser page (one step each, named by the path):
    // the same page loads and checks as a test per page, without a new context and run for each.
    test('every page: no serious or critical axe-core violation', async ({ page }) => {
      test.setTimeout(PAGES.length * 120_000);
      for (const path of PAGES) {
        await test.step(`${path}: no serious or critical axe-core violation`, async () => {
          await page.goto(path);
          await expectTheme(page, theme);
          await expect(page.getByRole('main')).toBeVisible();
          await expectNoSeriousViolations(page, `${path} (${theme})`);
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
      await expectTheme(page, theme);
      await expectNoSeriousViolations(page, `sign-in page (${theme})`);
      await as.signInAs('alice');
      await expect(page.getByRole('heading', { name: 'Allow access?' })).toBeVisible();
      await expectNoSeriousViolations(page, `consent page (${theme})`);
      await as.consent(['openid', 'profile', 'offline_access', 'notes:read']);
      await app.expectOnNotesPage();
      await app.createNote('Contrast check', 'refused: read only');
      await expect(app.lastAction()).toContainText('insufficient_scope');
      await expectNoSeriousViolations(page, `notes page with a refusal (${theme})`);

      // The timeline panel, open, with an event's detail.
      await page.getByRole('button', { name: /Timeline \(\d+\)/ }).click();
      await expect(page.getByRole('list', { name: 'Timeline panel events' })).toBeVisible();
      await expectNoSeriousViolations(page, `notes page with the timeline panel open (${theme})`);

      const timeline = new TimelinePage(page);
      await timeline.goto();
      await timeline.event(/insufficient_scope|refused|denied/).first().click();
      await expect(timeline.detail).toBeVisible();
      await expectNoSeriousViolations(page, `timeline with an event open (${theme})`);
    });
  });
}
