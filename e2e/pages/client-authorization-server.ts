import { expect, type Page } from '@playwright/test';

/** The authorization server's sign-in and consent pages, as the client app's visitor meets them. */
export class AuthorizationServerPages {
  constructor(readonly page: Page) {}

  async signInAs(user: 'alice' | 'bob' | 'carol') {
    await expect(this.page).toHaveURL(/\/as\/authorize/);
    await this.page.getByRole('button', { name: `Sign in as ${user}` }).click();
  }

  /** Consents to exactly `grant` among the scopes asked (each checkbox is labelled with its scope string). */
  async consent(grant: string[]) {
    await expect(this.page.getByRole('button', { name: 'Allow' })).toBeVisible();
    const boxes = this.page.getByRole('checkbox');
    for (const box of await boxes.all()) {
      const scope = await box.getAttribute('value');
      if (scope && grant.includes(scope)) await box.check();
      else await box.uncheck();
    }
    await this.page.getByRole('button', { name: 'Allow' }).click();
  }

  async deny() {
    await this.page.getByRole('button', { name: 'Deny' }).click();
  }
}
