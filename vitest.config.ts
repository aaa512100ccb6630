import { configDefaults, defineConfig } from 'vitest/config';
import path from 'node:path';

/**
 * Test files that replace a module with vi.mock: they need modules of their
 * own, not ones an earlier file already imported (the mock would not reach a
 * module already loaded with the real one), so they run isolated.
 */
const MOCKING = ['lib/auth-server/secret-comparison.test.ts'];

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
      // The test files share their workers' modules instead of importing everything again per
      // file: measured 35 s of CPU against 83 s for the whole suite, under the same load. Each
      // test builds its own deps and run; the suite passes in shuffled orders (--sequence.shuffle).
      { extends: true, test: { name: 'unit', include: UNIT_TESTS, isolate: false, exclude: [...configDefaults.exclude, ...MOCKING] } },
      { extends: true, test: { name: 'unit, isolated', include: MOCKING, isolate: true } },
    ],
  },
});
