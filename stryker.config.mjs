// Mutation testing of the protocol core (`npm run mutation`; not in CI: it is slow).
// Stryker changes one thing at a time in lib/oauth, lib/auth-server and lib/resource-server
// (a `<` for a `<=`, a check removed, a string emptied) and runs the unit tests that cover
// that line; a mutant that no test notices "survives" and marks a rule nobody checks.
//
//   npm run mutation                                         all three areas
//   npm run mutation -- --mutate 'lib/oauth/**/!(*.test).ts'   one area
//
// Unit tests only (vitest.config.ts: in-memory store, no server). Reports land in
// reports/mutation/ (git-ignored); incremental mode keeps results for unchanged code there.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'lib/oauth/**/*.ts',
    'lib/auth-server/**/*.ts',
    'lib/resource-server/**/*.ts',
    '!**/*.test.ts',
    // test helpers, not protocol code
    '!lib/auth-server/test-support.ts',
    '!lib/auth-server/token-test-support.ts',
    '!lib/resource-server/test-keys.ts',
  ],
  coverageAnalysis: 'perTest',
  // Module-level constants run once per test file; a mutant there would need the whole suite
  // per mutant. They are the tables (scope definitions, metadata lists) the tests read anyway.
  ignoreStatic: true,
  // 2 cores shared with other work: key generation in the AS tests is slow under load.
  concurrency: 2,
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
};
