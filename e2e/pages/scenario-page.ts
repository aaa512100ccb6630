import { expect, type Locator, type Page } from '@playwright/test';

/** A guided scenario at /scenarios/{id}: Play, Step, Start over, and the checklist. */
export class ScenarioPage {
  readonly status: Locator;
  readonly steps: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByRole('region', { name: 'Scenario steps' }).getByRole('status');
    this.steps = page.getByRole('list', { name: 'Steps' });
  }

  async goto(id: string) {
    await this.page.goto(`/scenarios/${id}`);
    await expect(this.page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  }

  async startOver() {
    await this.page.getByRole('button', { name: 'Start over' }).click();
    await expect(this.status).toHaveText(/^0 of \d+ steps done\.$/);
  }

  async play() {
    await this.page.getByRole('button', { name: 'Play', exact: true }).click();
  }

  async expectAllDone(count: number, timeout = 60_000) {
    await expect(this.status).toHaveText(`All ${count} steps done.`, { timeout });
  }
}
