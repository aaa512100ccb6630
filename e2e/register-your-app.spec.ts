import { expect, test } from '@playwright/test';
import { ConsentPage } from './pages/as-consent-page';
import { SignInPage } from './pages/as-sign-in-page';
import { startRelyingParty } from './fixtures/relying-party';

/**
 * Bring your own client: register an app on "Register your app" (RFC 7591
 * through the form), then a separate relying party on its own port signs in
 * against the sandbox with the new client's credentials, unchanged apart
 * from its configuration.
 */
test('a client registered on the page lets a separate app sign in', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const rp = await startRelyingParty();
  try {
    await test.step('the home page links to Register your app', async () => {
      await page.goto('/');
      await page.getByRole('link', { name: 'Register your app' }).click();
      await expect(page.getByRole('heading', { name: 'Register your app' })).toBeVisible();
      await expect(page.getByText('Registration is open')).toBeVisible();
      // Registering changes the run: the page's form uses this browser's run key; an outside tool sends its own (issue 14).
      await expect(page.getByText(/an outside tool sends X-Sandbox-Run-Key \(the run id alone is refused\)/)).toBeVisible();
    });

    let clientId = '';
    let clientSecret = '';
    await test.step('a bad redirect URI is refused with what to fix', async () => {
      await page.getByLabel('redirect_uris').fill('http://app.example/callback');
      await page.getByRole('button', { name: 'Register' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'Refused' });
      await expect(refusal).toContainText('invalid_redirect_uri');
      await expect(refusal).toContainText('http is allowed only for the loopback IP literals');
    });

    await test.step('RFC 7591: the form registers a confidential client and shows its configuration', async () => {
      await page.getByLabel('client_name').fill('My app');
      await page.getByLabel('redirect_uris').fill(rp.redirectUri);
      await page.getByRole('checkbox', { name: 'offline_access' }).uncheck();
      await page.getByRole('button', { name: 'Register' }).click();
      await expect(page.getByRole('heading', { name: 'Registered (201)' })).toBeVisible();
      clientId = (await page.getByTestId('client-id').textContent()) ?? '';
      clientSecret = (await page.getByTestId('client-secret').textContent()) ?? '';
      expect(clientId).toMatch(/^reg_/);
      expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await expect(page.getByLabel('next-auth v4 configuration')).toContainText(`clientId: "${clientId}"`);
      await page.getByLabel('Configuration for').selectOption('curl');
      await expect(page.getByLabel('curl configuration')).toContainText(`-u '${clientId}:${clientSecret}'`);
    });

    await test.step('the separate app signs in with the registered client: sign-in, consent, code, token, ID token', async () => {
      rp.configure({ issuer: `${baseURL}/as`, clientId, clientSecret, scope: 'openid notes:read', resource: `${baseURL}/rs` });
      await page.goto(`${rp.origin}/login`);
      const signIn = new SignInPage(page);
      await signIn.expectShownFor('My app');
      await signIn.signInAs('alice');
      const consent = new ConsentPage(page);
      await consent.expectShownFor('My app', ['openid', 'notes:read']);
      await consent.allow();
      await expect(page).toHaveURL(new RegExp(`^${rp.origin}/callback`));
      await expect(page.getByText('Signed in as alice with scope openid notes:read')).toBeVisible();
    });
  } finally {
    await rp.stop();
  }
});
