import { expect, test } from '@playwright/test';
import { TimelinePage } from './pages/timeline-page';

/**
 * Issue 8 §5: a forged token with `exp: 1e13` (outside JavaScript's Date
 * range), once recorded by the resource server, made /timeline throw
 * "Invalid time value" and replace the page with an error whenever its event
 * was opened. Now the event opens and names the time as out of range.
 */
test('a recorded token with exp 1e13 opens on the timeline; the page stays up', async ({ page }) => {
  const timeline = new TimelinePage(page);
  await timeline.goto();
  await timeline.waitUntilLive();
  // The browser's run: its id, as the run's owner reads it (the page's request context carries the run key cookie).
  const run = await page.request.get('/api/runs/current');
  expect(run.status()).toBe(200);
  const runId = ((await run.json()) as { id: string }).id;
  expect(runId).toBeTruthy();

  // A real kid, so the resource server gets as far as the signature (which is wrong) and records the token.
  const jwks = (await (await page.request.get('/as/jwks')).json()) as { keys: { kid: string; alg: string }[] };
  const key = jwks.keys.find((k) => k.alg === 'ES256')!;
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const forged = `${part({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })}.${part({ sub: 'mallory', exp: 1e13, iat: 1_700_000_000, sandbox_run: runId, scope: 'notes:read' })}.${Buffer.from('not a signature').toString('base64url')}`;
  const res = await page.request.get('/rs/api/notes', { headers: { authorization: `Bearer ${forged}`, 'x-sandbox-run': runId! } });
  expect(res.status()).toBe(401);

  // The resource server's decision, which carries the token it refused.
  const row = timeline.items().and(page.locator('[data-type="access_token.rejected"]'));
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await row.getByRole('button').click();
  const token = timeline.detail.getByRole('region', { name: 'Access token (JWT)' });
  await expect(token).toBeVisible();
  await expect(token).toContainText('outside the range of dates (10000000000000 s from 1970)');
  // The page is still the timeline, not an error page.
  await expect(page.getByRole('heading', { name: 'Timeline', level: 1 })).toBeVisible();
  await expect(page.getByText('Application error')).toHaveCount(0);
});
