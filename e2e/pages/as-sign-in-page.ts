import { expect, type Locator, type Page } from '@playwright/test';

/** The authorization server's sign-in page (/as/authorize/sign-in): one button per demo user. */
export class SignInPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { name: 'Sign in', exact: true });
  }

  async expectShownFor(clientName: string) {
    await expect(this.page).toHaveURL(/\/as\/authorize\/sign-in\?request=/);
    await expect(this.heading()).toBeVisible();
    await expect(this.page.getByText(clientName, { exact: true })).toBeVisible();
  }

  async signInAs(user: 'alice' | 'bob' | 'carol') {
    await this.page.getByRole('button', { name: `Sign in as ${user}` }).click();
  }
}
