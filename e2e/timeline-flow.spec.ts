import { expect, test } from '@playwright/test';
import { AuthorizationServerPages } from './pages/client-authorization-server';
import { NotesAssistant } from './pages/client-notes-assistant';
import { TimelinePage } from './pages/timeline-page';

const READ = ['openid', 'profile', 'offline_access', 'notes:read'];

/** The legs of read-only-then-write as the sequence view must show them, in this order (others may come between). */
const LEGS: [type: string, from: string, to: string, outcome: string][] = [
  ['client.sign_in_started', 'browser', 'client', 'info'],
  ['authorization_request.received', 'browser', 'auth-server', 'info'],
  ['user.signed_in', 'browser', 'auth-server', 'ok'],
  ['consent.granted', 'browser', 'auth-server', 'ok'],
  ['authorization_code.issued', 'auth-server', 'browser', 'ok'],
  ['token.issued', 'client', 'auth-server', 'ok'],
  ['resource_request.received', 'client', 'resource-server', 'info'],
  ['access_token.verified', 'resource-server', 'resource-server', 'ok'],
  ['policy.allowed', 'resource-server', 'resource-server', 'ok'],
  ['resource.answered', 'resource-server', 'client', 'ok'],
  ['resource_request.received', 'client', 'resource-server', 'info'],
  ['access_token.verified', 'resource-server', 'resource-server', 'ok'],
  ['policy.denied', 'resource-server', 'resource-server', 'denied'],
  ['resource.answered', 'resource-server', 'client', 'denied'],
];

test('the timeline of read-only then write: legs in order, consent asked vs granted, the denied write’s checklist', async ({ page, browser }) => {
  const app = new NotesAssistant(page);
  const as = new AuthorizationServerPages(page);
  const timeline = new TimelinePage(page);
  const panel = page.getByRole('complementary', { name: 'Timeline panel' });

  await test.step('authorization request: Notes Assistant asks for read and write', async () => {
    await app.goto();
    await app.signIn('Read and write');
    await as.signInAs('alice');
  });

  await test.step('consent page: the panel shows the authorization request that just arrived', async () => {
    await expect(panel.getByRole('button', { name: /^Open the authorization request that just arrived/ })).toContainText(
      'Browser → Authorization server: Authorization request from client_id=notes-assistant',
    );
  });

  await test.step('consent: alice grants read only; reading works, writing is refused', async () => {
    await as.consent(READ);
    await app.expectOnNotesPage();
    await app.createNote('Plan for Monday', 'Call the bank.');
    await expect(app.lastAction()).toContainText('403 insufficient_scope');
  });

  await test.step('sequence view: the legs in order, with their lanes and outcomes', async () => {
    await timeline.goto();
    await expect(timeline.items().first()).toBeVisible();
    const rows = await timeline.items().evaluateAll((lis) =>
      lis.map((li) => [li.getAttribute('data-type'), li.getAttribute('data-from'), li.getAttribute('data-to'), li.getAttribute('data-outcome')].join(' ')),
    );
    let at = 0;
    for (const row of rows) if (row === LEGS[at]?.join(' ')) at++;
    expect(at, `legs found in order: ${LEGS.slice(0, at).map((l) => l[0]).join(', ')}; rows: ${rows.join(' | ')}`).toBe(LEGS.length);
  });

  await test.step('filter: only the resource server’s denied events', async () => {
    for (const party of ['Browser', 'Client', 'Authorization server']) await page.getByRole('checkbox', { name: party, exact: true }).uncheck();
    for (const outcome of ['ok', 'error', 'info']) await page.getByRole('checkbox', { name: outcome, exact: true }).uncheck();
    const outcomes = await timeline.items().evaluateAll((lis) => lis.map((li) => li.getAttribute('data-outcome')));
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(['denied']));
    await expect(timeline.event(/Insufficient scope: create needs notes:write/)).toBeVisible();
    for (const c of ['Browser', 'Client', 'Authorization server', 'ok', 'error', 'info']) await page.getByRole('checkbox', { name: c, exact: true }).check();
  });

  await test.step('consent event: scopes asked versus granted', async () => {
    await timeline.event(/Browser → Authorization server: alice granted/).click();
    const consent = timeline.detail.getByRole('region', { name: 'Consent: asked versus granted' });
    await expect(consent.getByRole('row', { name: /notes:read/ })).toContainText('✓ granted');
    await expect(consent.getByRole('row', { name: /notes:write/ })).toContainText('asked');
    await expect(consent.getByRole('row', { name: /notes:write/ })).toContainText('✗ not granted');
  });

  await test.step('token event: the access token decoded, scope split, exp readable', async () => {
    await timeline.event(/Client → Authorization server: Code exchanged/).click();
    const token = timeline.detail.getByRole('region', { name: 'Access token (JWT)' });
    await expect(token.getByRole('list', { name: 'scope parts' }).getByRole('listitem')).toHaveText(READ);
    await expect(token.getByRole('row', { name: /^exp/ })).toContainText(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in \d+ min\)/);
  });

  await test.step('verification: how the resource server knew the token was valid', async () => {
    await timeline.event(/Resource server: Access token verified locally/).last().click();
    await expect(timeline.detail.getByRole('complementary', { name: 'What happened' })).toContainText('with no call to the authorization server');
    await expect(timeline.detail.getByRole('region', { name: 'Checks' }).getByRole('listitem', { name: /^\d+\. signature: passed/ })).toBeVisible();
  });

  await test.step('denied write: the checklist with the scope check failed', async () => {
    await timeline.event(/Resource server: Insufficient scope: create needs notes:write \(denied\)/).click();
    const checks = timeline.detail.getByRole('region', { name: 'Checks' });
    await expect(checks.getByRole('listitem', { name: /^\d+\. scope: failed, create needs notes:write/ })).toBeVisible();
    await expect(timeline.detail.getByRole('complementary', { name: 'What happened' })).toContainText('RFC 6750 §3.1');
    // The 403 of the same request, with its Bearer challenge (RFC 6750 §3).
    await expect(timeline.detail.getByRole('region', { name: 'HTTP response' })).toContainText('HTTP 403');
    await expect(timeline.detail.getByRole('region', { name: 'HTTP response' })).toContainText('error="insufficient_scope"');
    await expect(timeline.detail.getByRole('navigation', { name: 'Same HTTP request' })).toContainText('POST /rs/api/notes');
  });

  await test.step('revoke by hand: another visitor cannot, the owner can', async () => {
    const { events } = (await (await page.request.get('/api/runs/current/events')).json()) as {
      events: { type: string; tokens?: { kind: string; raw: string }[] }[];
    };
    const raw = events.find((e) => e.type === 'token.issued')?.tokens?.find((t) => t.kind === 'access_token')?.raw;
    expect(raw).toBeTruthy();
    const other = await browser.newContext({ baseURL: new URL(page.url()).origin });
    try {
      const r = await other.request.post('/api/runs/current/revoke', { data: { token: raw } });
      expect(r.status()).toBe(404);
      expect(await r.json()).toMatchObject({ detail: 'Your run has no such access or refresh token.' });
    } finally {
      await other.close();
    }
    await timeline.event(/Client → Authorization server: Code exchanged/).click();
    const token = timeline.detail.getByRole('region', { name: 'Access token (JWT)' });
    await token.getByRole('button', { name: 'Revoke this token' }).click();
    await expect(token.getByRole('status')).toContainText('Revoked (access token of notes-assistant)');
    // Issue 9 item 6: the learner revoked it from the sandbox, not the client.
    await expect(timeline.event(/Sandbox → Authorization server: You revoked the access token of notes-assistant by hand, from the sandbox/)).toBeVisible();
    await expect(timeline.event(/Client → Authorization server: Access token revoked/)).toHaveCount(0);
  });
});
