import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The unit test config for Stryker only (stryker.config.mjs): test files share one worker
 * without re-importing their modules for every mutant, which makes a run several times faster
 * on two cores. Mutants are switched at run time, so reused modules still see each one; the
 * unit tests build their own deps and in-memory store per test, so sharing a worker is safe.
 *
 * Left out: secret-comparison.test.ts mocks node:crypto (vi.mock), which needs its own module
 * graph; without isolation client-authentication.ts may already hold the real module, and the
 * test fails before any mutant. client-authentication.test.ts still checks every secret by outcome.
 */
export default mergeConfig(
  base,
  defineConfig({ test: { isolate: false, exclude: [...configDefaults.exclude, 'lib/auth-server/secret-comparison.test.ts'] } }),
);
