import axe from 'axe-core';
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

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: every rule axe-core tags so (colour contrast among them). */
const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core over the whole page, WCAG 2.0-2.2 A and AA rules (colour contrast
 * among them): no serious or critical violation. The failure message names
 * each rule, element and why, so a failing page says what to fix.
 *
 * axe runs in the page itself, put there once per page load and reused (the
 * theme switch does not reload): @axe-core/playwright evaluated axe's 550 KB
 * source twice per check and finished each check in a new tab, which cost
 * about three times the check itself (measured: 148 s against 42 s for six
 * pages checked twice). Our pages have no frames, so its frame handling
 * checked nothing more. Only violations are collected in full; every rule's
 * id still comes back, and the check fails unless every A/AA rule ran
 * (axe's experimental and deprecated rules stay off, as with AxeBuilder).
 */
export async function expectNoSeriousViolations(page: Page, what: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(
    async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      const ran = [...r.violations, ...r.passes, ...r.incomplete, ...r.inapplicable].map((x) => x.id);
      // runOnly by tag leaves out the rules axe marks experimental or deprecated (off by default), as before.
      const expected = window.axe
        .getRules(tags)
        .filter((x) => !x.tags.includes('experimental') && !x.tags.includes('deprecated'))
        .map((x) => x.ruleId);
      return {
        missing: expected.filter((id) => !ran.includes(id)),
        bad: r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`)),
      };
    },
    WCAG_A_AA,
  );
  expect(results.missing, `${what}: axe-core rules that did not run`).toEqual([]);
  expect(results.bad, `${what}: axe-core serious or critical violations`).toEqual([]);
}

declare global {
  interface Window {
    axe: typeof axe;
  }
}
