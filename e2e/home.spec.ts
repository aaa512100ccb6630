import { expect, test } from '@playwright/test';

test('the home page names the three parties, the visitor’s run and the demo identities', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'OAuth Sandbox' })).toBeVisible();
  for (const party of ['Client app: Notes Assistant', 'Authorization server', 'Resource server: Notes API']) {
    await expect(page.getByRole('navigation', { name: 'Parties' }).getByRole('link', { name: party })).toBeVisible();
  }
  // The run id shown is the run this browser's cookie names.
  const run = (await (await page.request.get('/api/runs/current')).json()) as { id: string };
  await expect(page.getByText(`X-Sandbox-Run: ${run.id}`, { exact: true })).toBeVisible();
  // ...and the curl example fills it in, so its token lands on this run's timeline.
  await expect(page.locator('pre', { hasText: 'curl' })).toContainText(`X-Sandbox-Run: ${run.id}`);
  const clients = page.getByRole('table');
  const demoClients: [string, string][] = [
    ['notes-assistant', 'notes-assistant-secret'],
    ['cli', '(public client: none)'],
    ['reporting-service', 'reporting-service-secret'],
    ['notes-api', 'notes-api-secret'],
  ];
  for (const [id, secret] of demoClients) {
    await expect(clients.getByRole('row').filter({ has: page.getByRole('cell', { name: id, exact: true }) })).toContainText(secret);
  }
  // At 1280 px, as a person reads the table: each client_id and secret on one line (not broken at its hyphen), and
  // at least 12 px between the end of its text and the start of the next column's.
  await page.setViewportSize({ width: 1280, height: 800 });
  const layout = await clients.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('td')];
      const text = (td: Element) => {
        const r = document.createRange();
        r.selectNodeContents(td);
        const box = r.getBoundingClientRect();
        return { left: box.left, right: box.right, lines: Math.round(box.height / parseFloat(getComputedStyle(td).lineHeight)) };
      };
      const [id, secret, what] = cells.map(text);
      return { id: cells[0]!.textContent, idLines: id!.lines, secretLines: secret!.lines, gaps: [secret!.left - id!.right, what!.left - secret!.right] };
    }),
  );
  expect(layout).toHaveLength(demoClients.length);
  for (const row of layout) {
    expect(row, `${row.id}: one line each`).toMatchObject({ idLines: 1, secretLines: 1 });
    for (const gap of row.gaps) expect(gap, `${row.id}: room between the columns`).toBeGreaterThanOrEqual(12);
  }
  await expect(page.getByRole('link', { name: 'Start', exact: true })).toHaveAttribute('href', '/scenarios/read-only-then-write');
  await expect(page.getByRole('link', { name: /^Show me/ })).toHaveCount(3);
});
