import { configDefaults, defineConfig } from 'vitest/config';
import path from 'node:path';

/**
 * Test files that run isolated, each with modules of its own, as before:
 * those that replace a module with vi.mock (the mock would not reach a module
 * an earlier file already loaded with the real one), and those that go
 * through route handlers to the process-wide store (getDb(): one in-memory
 * database per worker when shared, so one file's key rotation showed up in
 * another's JWKS). The rest build their own store and deps per test.
 */
const ISOLATED = [
  'lib/auth-server/secret-comparison.test.ts',
  'app/**/*.test.ts',
  'lib/auth-server/back-channel-repeats.test.ts',
  'lib/auth-server/back-channel-routes.test.ts',
  'lib/auth-server/metadata.test.ts',
  'lib/auth-server/token-route.test.ts',
  'lib/client-app/notes-api.test.ts',
  'lib/client-app/refresh.test.ts',
  'lib/http/handle-route-recording.test.ts',
  'lib/resource-server/deps.test.ts',
  'lib/resource-server/routes.test.ts',
];

const UNIT_TESTS = ['lib/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts', 'components/**/*.test.tsx'];

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(__dirname),
      // `server-only` throws outside a React server bundle; in unit tests the
      // modules run on the server anyway.
      'server-only': path.resolve(__dirname, 'lib/testing/server-only-noop.ts'),
    },
  },
  test: {
    environment: 'node',
    // Worker threads start faster than child processes (measured: 52 s against 61 s for the whole suite on 2 cores).
    pool: 'threads',
    env: { SANDBOX_DB: ':memory:' },
    testTimeout: 60_000,
    hookTimeout: 240_000,
    projects: [
      // The other test files share their workers' modules instead of importing everything again
      // per file: measured 35 s of CPU against 83 s for the whole suite, under the same load.
      { extends: true, test: { name: 'unit', include: UNIT_TESTS, isolate: false, exclude: [...configDefaults.exclude, ...ISOLATED] } },
      { extends: true, test: { name: 'unit, isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
