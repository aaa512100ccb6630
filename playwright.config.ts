import { defineConfig, devices } from '@playwright/test';
import fs from 'node:fs';

// Playwright cannot download browsers here: use the system Chromium when it
// exists (or PLAYWRIGHT_CHROMIUM_PATH); on a normal machine, Playwright's own.
const chromiumPath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // scripts/test.mjs runs some specs in its second lane (on its own server): the first lane skips them.
  testIgnore: process.env.SANDBOX_E2E_SKIP ? process.env.SANDBOX_E2E_SKIP.split(',').map((f) => `**/${f}`) : [],
  fullyParallel: false,
  // One worker: on a 2-core machine two workers measured no faster (8.2 min either way), the server and Chromium share the cores.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // Page loads can take seconds on a loaded machine (2 shared cores): assertions wait for their condition up to 15 s.
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    // scripts/test.mjs starts the server and passes its URL.
    baseURL: process.env.SANDBOX_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumPath,
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
});
