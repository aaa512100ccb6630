// `npm test`: every test. Type check, unit tests (vitest, in-memory store),
// one production build, then one real server on a free port with a fresh
// database file, against which the integration tests (vitest + oauth4webapi)
// and the Playwright specs (system Chromium) run.
//
//   node scripts/test.mjs              everything
//   node scripts/test.mjs unit         type check and unit tests only
//   node scripts/test.mjs server [vitest/playwright args...]   integration + e2e only
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfNeeded, freePort, root, startServer } from './server.mjs';

const [mode = 'all', ...rest] = process.argv.slice(2);

const t0 = Date.now();
/** Each phase's wall time, printed as it ends: where CI's minutes go. */
const took = (what, since) => console.log(`> ${what}: ${((Date.now() - since) / 1000).toFixed(1)} s (${((Date.now() - t0) / 1000).toFixed(0)} s in all)`);

function run(cmd, args, env = {}) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const since = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  took(path.basename(cmd), since);
  if (r.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

if (mode === 'all' || mode === 'unit') {
  run(bin('tsc'), ['--noEmit', '-p', '.']);
  // The build below need not type-check again what tsc just checked (next.config.ts).
  if (mode === 'all') process.env.SANDBOX_TYPES_CHECKED = '1';
  run(bin('vitest'), ['run']);
}

if (mode === 'all' || mode === 'server') {
  const distDir = process.env.NEXT_DIST_DIR || '.next-test';
  const buildStart = Date.now();
  buildIfNeeded(distDir);
  took('build', buildStart);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-sandbox-test-'));
  const port = Number(process.env.TEST_PORT) || (await freePort());
  const server = await startServer({
    port,
    distDir,
    env: { SANDBOX_DB: path.join(dataDir, 'sandbox.db'), SANDBOX_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`> test server ${server.origin} (database in ${dataDir})`);
  const env = { SANDBOX_URL: server.origin, SANDBOX_DB_FILE: path.join(dataDir, 'sandbox.db') };
  let failed = 0;
  try {
    const only = rest.length ? rest : null;
    // Named files go to the runner that owns them: e2e/ specs (and any flags
    // after them, such as --grep) to Playwright, the rest to vitest.
    const firstSpec = only ? only.findIndex((a) => a.includes('e2e')) : -1;
    const forVitest = only && firstSpec >= 0 ? only.slice(0, firstSpec) : only;
    const forPlaywright = only && firstSpec >= 0 ? only.slice(firstSpec) : null;
    for (const [cmd, args] of [
      [bin('vitest'), ['run', '--config', 'vitest.integration.config.ts', ...(forVitest ?? [])]],
      [bin('playwright'), ['test', ...(forPlaywright ?? [])]],
    ]) {
      if (only && cmd.endsWith('playwright') && !forPlaywright) continue;
      if (only && cmd.endsWith('vitest') && forVitest?.length === 0) continue;
      console.log(`\n> ${path.basename(cmd)} ${args.join(' ')}`);
      const since = Date.now();
      const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
      took(path.basename(cmd), since);
      if (r.status !== 0) failed++;
    }
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (failed) {
    console.error('\n✗ some test suites failed');
    process.exit(1);
  }
}
console.log('\n✓ all tests passed');
