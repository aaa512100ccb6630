import { expect, type Locator, type Page } from '@playwright/test';
import type { AttackId } from '../../lib/scenarios/types';

/** The attack panel at /attacks: one attack's raw request, editable, and Send. */
export class AttackPanelPage {
  readonly request: Locator;
  readonly answer: Locator;

  constructor(readonly page: Page) {
    this.request = page.getByLabel(/The request it will send/);
    this.answer = page.getByRole('region', { name: 'Answer' });
  }

  async open(attack: AttackId) {
    await this.page.goto(`/attacks?attack=${attack}`);
    await expect(this.page.getByRole('heading', { name: 'Attack panel', level: 1 })).toBeVisible();
    await expect(this.request).toHaveValue(/HTTP\/1\.1/);
  }

  /** Sends the request as shown (or as edited) and waits for the answer. */
  async send(): Promise<string> {
    await this.page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(this.answer).toBeVisible();
    return (await this.answer.getByRole('heading').textContent()) ?? '';
  }
}
