import { expect, test } from '@playwright/test';
import { AuthorizationServerPages } from './pages/client-authorization-server';
import { NotesAssistant } from './pages/client-notes-assistant';
import { clientEvents, inOrder, runEvents } from './pages/client-timeline-api';

const READ = ['openid', 'profile', 'offline_access', 'notes:read'];
const WRITE = [...READ, 'notes:write'];

test('asks for read and write, gets read only, is refused writing, asks for write access and then writes', async ({ page }) => {
  const app = new NotesAssistant(page);
  const as = new AuthorizationServerPages(page);

  await test.step('authorization request: Notes Assistant asks for read and write', async () => {
    await app.goto();
    const authorizationRequest = page.waitForRequest((r) => new URL(r.url()).pathname === '/as/authorize');
    await app.signIn('Read and write');
    const asked = new URL((await authorizationRequest).url()).searchParams;
    expect(asked.get('scope')?.split(' ')).toEqual(WRITE);
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('state')).toBeTruthy();
    expect(asked.get('nonce')).toBeTruthy();
  });

  await test.step('consent: alice grants read only', async () => {
    await as.signInAs('alice');
    await as.consent(READ);
  });

  await test.step('callback and token: the granted scopes are fewer than asked', async () => {
    await app.expectOnNotesPage();
    await expect(app.grantedScopes()).toHaveText(READ);
    await expect(page.getByText('You granted fewer scopes than Notes Assistant asked for')).toBeVisible();
  });

  await test.step('resource request: reading succeeds', async () => {
    await expect(app.note('Groceries')).toBeVisible();
    await expect(page.getByRole('form', { name: 'New note' }).getByText('needs notes:write: not granted')).toBeVisible();
  });

  await test.step('resource request: writing is refused with insufficient_scope', async () => {
    await app.createNote('Plan for Monday', 'Call the bank.');
    await expect(app.lastAction()).toContainText('lacks the scope notes:write');
    await expect(app.lastAction()).toContainText('403 insufficient_scope');
    await expect(app.note('Plan for Monday')).toHaveCount(0);
  });

  await test.step('incremental authorization: Ask for write access, with prompt=consent', async () => {
    const authorizationRequest = page.waitForRequest((r) => new URL(r.url()).pathname === '/as/authorize');
    await app.askForWriteAccess();
    const asked = new URL((await authorizationRequest).url()).searchParams;
    expect(asked.get('prompt')).toBe('consent');
    expect(asked.get('scope')?.split(' ').sort()).toEqual([...WRITE].sort());
    // The authorization server may remember alice's sign-in; it asks for consent again either way.
    if (await page.getByRole('button', { name: 'Sign in as alice' }).isVisible()) await as.signInAs('alice');
    await as.consent(WRITE);
    await app.expectOnNotesPage();
    await expect(app.grantedScopes()).toHaveText(WRITE);
  });

  await test.step('resource request: the same write now succeeds', async () => {
    await app.createNote('Plan for Monday', 'Call the bank.');
    await expect(app.lastAction()).toContainText('The note was created.');
    await expect(app.note('Plan for Monday')).toBeVisible();
  });

  await test.step('timeline: the client recorded its side in order', async () => {
    const events = await clientEvents(page.request);
    const expected = [
      'client.sign_in_started:info',
      'client.callback_received:info',
      'client.tokens_received:ok',
      'client.resource_called:denied',
      'client.sign_in_started:info',
      'client.callback_received:info',
      'client.tokens_received:ok',
      'client.resource_called:ok',
    ];
    expect(inOrder(events, expected), `client events: ${events.join(', ')}`).toBe(true);
    // The code reached the client before the client exchanged it at the token endpoint.
    const all = (await runEvents(page.request)).map((e) => e.type);
    expect(all.indexOf('client.callback_received')).toBeLessThan(all.indexOf('client.tokens_received'));
  });
});
