import { expect, test } from '@playwright/test';
import { startNextAuthApp } from './fixtures/next-auth-app';

/**
 * Issue 12: a second, separate next-auth app (next-auth v4's own handler on
 * its own port, e2e/fixtures/next-auth-app.ts) signs in against the sandbox
 * with a client registered in the test (RFC 7591), unchanged apart from its
 * configuration: the person signs in and consents on the sandbox's real
 * pages and lands back in the app, signed in.
 */
test('a separate next-auth app signs in with a registered client', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const app = await startNextAuthApp();
  try {
    let registered = { client_id: '', client_secret: '' };
    await test.step('RFC 7591: register a confidential client for the app (this browser’s run key)', async () => {
      await page.goto('/');
      const res = await page.request.post('/as/register', {
        headers: { 'content-type': 'application/json', origin: baseURL! },
        data: { client_name: 'My next-auth app', redirect_uris: [app.redirectUri], scope: 'openid profile notes:read', token_endpoint_auth_method: 'client_secret_basic' },
      });
      expect(res.status()).toBe(201);
      registered = (await res.json()) as typeof registered;
      expect(registered.client_secret).toBeTruthy();
      app.configure({ sandboxOrigin: baseURL!, clientId: registered.client_id, clientSecret: registered.client_secret, scope: 'openid profile notes:read' });
    });

    await test.step('the app’s own next-auth sign-in page sends the browser to the sandbox', async () => {
      await page.goto(app.origin);
      await expect(page.getByText('Not signed in.')).toBeVisible();
      await page.getByRole('link', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign in with OAuth Sandbox' }).click();
      await page.waitForURL(/\/as\/authorize/);
    });

    await test.step('sign in as alice and consent on the sandbox’s pages', async () => {
      await page.getByRole('button', { name: 'Sign in as alice' }).click();
      await expect(page.getByText('My next-auth app').first()).toBeVisible();
      await page.getByRole('button', { name: 'Allow' }).click();
    });

    await test.step('back in the app, signed in', async () => {
      await page.waitForURL((u) => u.origin === app.origin);
      await expect(page.getByText(/^Signed in as /)).toBeVisible();
    });
  } finally {
    await app.stop();
  }
});
