import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { runEvents } from './pages/client-timeline-api';

/** Issue 14 and issue 8 §4, as a person in Chromium meets them (with the sandbox's Content-Security-Policy on every page). */

test('the run key is hidden until "Show my run key" is pressed, and hidden again with one press', async ({ page, context }) => {
  await page.goto('/');
  const run = (await (await page.request.get('/api/runs/current')).json()) as { id: string };
  const key = (await context.cookies()).find((c) => c.name === 'sandbox_run_key')!;
  expect(key).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  await expect(page.getByText(`X-Sandbox-Run: ${run.id}`, { exact: true })).toBeVisible();
  // Not in the page at all before it is asked for: not visible, not in the HTML.
  expect(await page.content()).not.toContain(key.value);

  await page.getByRole('button', { name: 'Show my run key' }).click();
  const shown = page.getByLabel('Your run id and run key');
  await expect(shown).toHaveText(`RUN=${run.id}\nRUN_KEY=${key.value}`);
  await page.getByRole('button', { name: 'Hide my run key' }).click();
  await expect(shown).toHaveCount(0);
  expect(await page.content()).not.toContain(key.value);
});

test('the consent page and the home page cannot be framed by another page', async ({ page, baseURL }) => {
  for (const path of ['/', '/as/authorize/consent?request=x']) {
    // setContent waits for the load event, which waits for the frame to load or be refused.
    await page.setContent(`<iframe title="framed" src="${baseURL}${path}" width="800" height="600"></iframe>`, { waitUntil: 'load' });
    expect(page.frames()).toHaveLength(2);
    // The browser refused to render it: none of the sandbox's page is in the frame.
    const text = await page.frames()[1]!.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    expect(text).not.toMatch(/OAuth Sandbox|Authorization server/);
  }
});

test("a page on another port of localhost cannot reset the visitor's run or rotate the keys, though the browser sends the cookie", async ({ page, baseURL }) => {
  await page.goto('/timeline');
  const r = await page.request.patch('/api/runs/current', { data: { accessTokenTtl: 4242 } });
  expect(r.status()).toBe(200);

  // The attacker's page: another port on the same host (same site, another origin).
  const target = new URL(baseURL!);
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.setHeader('content-type', 'text/html');
    res.end(
      req.url === '/rotate'
        ? `<form id="f" method="POST" action="${target.origin}/api/keys/rotate"></form><script>document.getElementById('f').submit()</script>`
        : `<form id="f" method="POST" action="${target.origin}/api/runs/current/reset"><input name="x" value="1"></form><script>document.getElementById('f').submit()</script>`,
    );
  });
  await new Promise<void>((ok) => server.listen(0, target.hostname, ok));
  const evil = `${target.protocol}//${target.hostname}:${(server.address() as AddressInfo).port}`;
  try {
    for (const path of ['/reset', '/rotate']) {
      const answered = page.waitForResponse((res) => res.url().startsWith(target.origin) && res.request().method() === 'POST');
      await page.goto(`${evil}${path}`);
      const res = await answered;
      expect(res.status(), path).toBe(403);
      expect(await res.request().headerValue('cookie')).toContain('sandbox_run_key=');
    }
  } finally {
    server.close();
  }
  expect(hits).toEqual(['/reset', '/rotate']);
  await page.goto('/timeline');
  const types = (await runEvents(page.request)).map((e) => e.type);
  expect(types).toContain('run.settings_changed');
  expect(types).not.toContain('run.reset');
  // Not rotated: the route refused before it rotated (403 above), and a rotation by this run's owner would be on
  // its timeline. (The JWKS is shared by every run, and other specs may rotate meanwhile, so it is not compared.)
  expect(types).not.toContain('signing_key.rotated');
});
