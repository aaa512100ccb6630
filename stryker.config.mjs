// Mutation testing of the protocol core (`npm run mutation`; not in CI: it is slow).
// Stryker changes one thing at a time in lib/oauth, lib/auth-server and lib/resource-server
// (a `<` for a `<=`, a check removed, a string emptied) and runs the unit tests that cover
// that line; a mutant that no test notices "survives" and marks a rule nobody checks.
//
//   npm run mutation                                         all three areas
//   npm run mutation -- --mutate 'lib/oauth/**/*.ts,!**/*.test.ts' --testFiles 'lib/oauth/**/*.test.ts'   one area
//
// Unit tests only (vitest.mutation.config.ts: vitest.config.ts without per-file isolation; in-memory store, no server). Reports land in
// reports/mutation/ (git-ignored); incremental mode keeps results for unchanged code there.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: false, testFiles (below) already names the tests; vitest's own search per mutant is slow.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner', './scripts/stryker-human-text.mjs', './scripts/stryker-live-survivors.mjs'],
  // Error descriptions, timeline summaries and check reasons are text for people, not rules.
  ignorers: ['human-text'],
  mutate: [
    'lib/oauth/**/*.ts',
    'lib/auth-server/**/*.ts',
    'lib/resource-server/**/*.ts',
    '!**/*.test.ts',
    // test helpers, not protocol code
    '!lib/auth-server/test-support.ts',
    '!lib/auth-server/token-test-support.ts',
    '!lib/resource-server/test-keys.ts',
    // wiring (store, fetch, HTTP glue), exercised by the integration tests (only the RS's per-request run cache has a unit test)
    '!lib/auth-server/deps.ts',
    '!lib/resource-server/deps.ts',
    '!lib/resource-server/serve.ts',
  ],
  // The protocol core's own unit tests. Without this, every test that imports lib/oauth/errors.ts
  // (nearly all) reruns for each of its mutants, and a run takes hours on two cores.
  // lib/runs/run-policy.test.ts: the run's policy document is validated by lib/resource-server/policy-document.ts.
  testFiles: ['lib/oauth/**/*.test.ts', 'lib/auth-server/**/*.test.ts', 'lib/resource-server/**/*.test.ts', 'lib/runs/run-policy.test.ts'],
  coverageAnalysis: 'perTest',
  // Module-level constants run once per test file; a mutant there would need the whole suite
  // per mutant. They are the tables (scope definitions, metadata lists) the tests read anyway.
  ignoreStatic: true,
  // 2 cores shared with other work: key generation in the AS tests is slow under load.
  concurrency: 2,
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  // live-survivors: reports/mutation/live-survivors.txt grows during the run (scripts/stryker-live-survivors.mjs).
  reporters: ['clear-text', 'progress-append-only', 'html', 'json', 'live-survivors'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  // Not copied into Stryker's sandbox: builds, the local database and test output. Unit tests need none of
  // them, and a `next build` rewriting .next-test while Stryker copies it made a run fail (ENOENT BUILD_ID).
  ignorePatterns: ['/.next', '/.next-test', '/.data', '/test-results*', '/playwright-report'],
};
