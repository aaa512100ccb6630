import { expect, test } from '@playwright/test';
import { AuthorizationServerPages } from './pages/client-authorization-server';
import { NotesAssistant } from './pages/client-notes-assistant';
import { clientEvents, inOrder, introspect, runEvents } from './pages/client-timeline-api';

test('sign-out revokes the refresh token (RFC 7009) and ends the session', async ({ page }) => {
  const app = new NotesAssistant(page);
  const as = new AuthorizationServerPages(page);
  let refreshToken = '';

  await test.step('authorization code flow: alice grants read only, with offline_access', async () => {
    await app.goto();
    await app.signIn('Read only');
    await as.signInAs('alice');
    await as.consent(['openid', 'profile', 'offline_access', 'notes:read']);
    await app.expectOnNotesPage();
    const received = (await runEvents(page.request)).find((e) => e.type === 'client.tokens_received');
    refreshToken = received?.tokens?.find((t) => t.kind === 'refresh_token')?.raw ?? '';
    expect(refreshToken).not.toBe('');
  });

  await test.step('introspection: the refresh token is active before sign-out', async () => {
    expect((await introspect(page.request, refreshToken)).active).toBe(true);
  });

  await test.step('sign-out: the client revokes the refresh token and forgets the session', async () => {
    await app.signOut();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await page.goto('/client/notes');
    await expect(page).toHaveURL(/\/client$/);
  });

  await test.step('introspection: the refresh token is inactive', async () => {
    expect(await introspect(page.request, refreshToken)).toEqual({ active: false });
  });

  await test.step('timeline: signed out, then revoked', async () => {
    const events = await clientEvents(page.request);
    expect(inOrder(events, ['client.tokens_received:ok', 'client.signed_out:ok', 'client.token_revoked:ok']), events.join(', ')).toBe(true);
  });
});
