import { defineConfig } from 'vitest/config';
import path from 'node:path';

/** Integration tests: talk over HTTP to the real server that scripts/test.mjs started (SANDBOX_URL). */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    fileParallelism: false,
  },
});
