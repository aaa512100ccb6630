import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export type Theme = 'light' | 'dark';

/** The display preferences every page follows (components/timeline/display-prefs.ts), set before any page loads. */
export async function useDisplayPrefs(page: Page, prefs: { dark: boolean; largeType?: boolean }) {
  await page.addInitScript((p) => localStorage.setItem('oauth-sandbox-display', JSON.stringify(p)), { dark: prefs.dark, largeType: prefs.largeType === true });
}

/**
 * Switches the theme on the loaded page exactly as the display toggle does
 * (components/timeline/display-prefs.ts: the choice saved, the classes and
 * color-scheme on <html>; every colour is CSS keyed on them), so one page
 * load is checked in both themes.
 */
export async function switchTheme(page: Page, theme: Theme) {
  await page.evaluate(
    ({ key, dark }) => {
      localStorage.setItem(key, JSON.stringify({ dark, largeType: false }));
      document.documentElement.classList.toggle('dark', dark);
      document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
    },
    { key: 'oauth-sandbox-display', dark: theme === 'dark' },
  );
  await expectTheme(page, theme);
}

/** The page's <html> follows the chosen theme (applied before the first paint, so already on load). */
export async function expectTheme(page: Page, theme: Theme) {
  if (theme === 'dark') await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  else await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
}

/**
 * axe-core over the whole page, WCAG 2.0-2.2 A and AA rules (colour contrast
 * among them): no serious or critical violation. The failure message names
 * each rule, element and why, so a failing page says what to fix.
 */
export async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`));
  expect(bad, `${what}: axe-core serious or critical violations`).toEqual([]);
}
