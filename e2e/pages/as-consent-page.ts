import { expect, type Locator, type Page } from '@playwright/test';

/** The authorization server's consent page (/as/authorize/consent): a checkbox per scope, Allow and Deny. */
export class ConsentPage {
  constructor(readonly page: Page) {}

  async expectShownFor(clientName: string, scopes: string[]) {
    await expect(this.page).toHaveURL(/\/as\/authorize\/consent\?request=/);
    await expect(this.page.getByRole('heading', { name: 'Allow access?' })).toBeVisible();
    await expect(this.page.getByText(clientName, { exact: true })).toBeVisible();
    await expect(this.page.getByRole('checkbox')).toHaveCount(scopes.length);
    for (const s of scopes) await expect(this.scope(s)).toBeChecked();
  }

  /** The checkbox labelled with the scope string. */
  scope(scope: string): Locator {
    return this.page.getByRole('checkbox', { name: scope, exact: true });
  }

  async uncheck(scope: string) {
    await this.scope(scope).uncheck();
  }

  async allow() {
    await this.page.getByRole('button', { name: 'Allow', exact: true }).click();
  }

  async deny() {
    await this.page.getByRole('button', { name: 'Deny', exact: true }).click();
  }
}
