import { expect, test, type Page } from '@playwright/test';
import { NotesAssistant } from './pages/client-notes-assistant';
import { clientEvents } from './pages/client-timeline-api';

/** Starts a real sign-in (next-auth sets its state, PKCE and nonce cookies) and returns the authorization request's parameters. */
async function startSignIn(page: Page): Promise<URLSearchParams> {
  const app = new NotesAssistant(page);
  await app.goto();
  const authorizationRequest = page.waitForRequest((r) => new URL(r.url()).pathname === '/as/authorize');
  await app.signIn('Read only');
  const params = new URL((await authorizationRequest).url()).searchParams;
  // The browser is still on its way to the sign-in page: a navigation started now would be cut short by that redirect.
  await page.waitForURL(/\/as\/authorize\/sign-in/);
  return params;
}

test('RFC 6749 §10.12 a callback whose state is not this browser’s is refused and explained', async ({ page, baseURL }) => {
  await test.step('authorization request: sign-in started, state stored in a cookie', async () => {
    await startSignIn(page);
  });

  await test.step('callback: a forged state is refused by next-auth, and the page says why', async () => {
    await page.goto(`/api/auth/callback/sandbox?code=forged&state=not-the-state&iss=${encodeURIComponent(`${baseURL}/as`)}`);
    await expect(page).toHaveURL(/\/client\/error\?/);
    await expect(page.getByRole('region', { name: 'Sign-in failed' })).toContainText('did not belong to this browser');
    const events = await clientEvents(page.request);
    expect(events).toContain('client.callback_received:error');
    expect(events.filter((e) => e.startsWith('client.tokens_received'))).toEqual([]);
  });
});

test('RFC 9207 a callback whose iss is not the expected issuer is refused and explained', async ({ page }) => {
  let state = '';
  await test.step('authorization request: sign-in started', async () => {
    state = (await startSignIn(page)).get('state') ?? '';
    expect(state).not.toBe('');
  });

  await test.step('callback: the right state but another issuer (a mix-up) is refused', async () => {
    await page.goto(`/api/auth/callback/sandbox?code=forged&state=${encodeURIComponent(state)}&iss=${encodeURIComponent('https://evil.example/as')}`);
    await expect(page).toHaveURL(/\/client\/error\?/);
    await expect(page.getByRole('region', { name: 'Sign-in failed' })).toContainText('unexpected issuer');
  });
});
