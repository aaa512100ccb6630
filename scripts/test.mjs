// `npm test`: every test. Type check, one production build, then two lanes
// at once, each against its own real server (a free port, a fresh database
// file and its own secrets): most Playwright specs (system Chromium) in one;
// the unit tests (vitest, in-memory store), the integration tests (vitest +
// oauth4webapi) and a few long specs (SECOND_LANE_SPECS) in the other. Playwright keeps about one core busy
// on a 2-core machine, so the other lane runs beside it instead of after it;
// two servers, so one lane's key rotations never land in the other's tests.
//
//   node scripts/test.mjs              everything
//   node scripts/test.mjs unit         type check and unit tests only
//   node scripts/test.mjs server [vitest/playwright args...]   integration + e2e only
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfNeeded, freePort, root, startServer } from './server.mjs';

const [mode = 'all', ...rest] = process.argv.slice(2);

const t0 = Date.now();
/** Each phase's wall time, printed as it ends: where CI's minutes go. */
const took = (what, since) => console.log(`> ${what}: ${((Date.now() - since) / 1000).toFixed(1)} s (${((Date.now() - t0) / 1000).toFixed(0)} s in all)`);

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Runs one command to its end, its output live; exits the whole run when it fails. */
function runOrExit(cmd, args) {
  console.log(`\n> ${path.basename(cmd)} ${args.join(' ')}`);
  const since = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  took(path.basename(cmd), since);
  if (r.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

/**
 * One lane: its commands one after another (a later one runs even when an
 * earlier one failed). With `live`, the output streams as it comes; otherwise
 * it is kept and printed whole when the lane ends, so two lanes' lines never
 * interleave in the log. Resolves to the number of commands that failed.
 */
async function lane(name, steps, { live }) {
  let failed = 0;
  const out = [];
  const say = (line) => (live ? console.log(line) : out.push(line));
  for (const { cmd, args, env } of steps) {
    say(`\n> [${name}] ${path.basename(cmd)} ${args.join(' ')}`);
    const since = Date.now();
    const status = await new Promise((resolve) => {
      const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
      if (!live) {
        child.stdout.on('data', (b) => out.push(b.toString()));
        child.stderr.on('data', (b) => out.push(b.toString()));
      }
      child.on('close', (code) => resolve(code));
      child.on('error', (e) => {
        say(String(e));
        resolve(1);
      });
    });
    if (status !== 0) failed++;
    const line = `> [${name}] ${path.basename(cmd)}: ${((Date.now() - since) / 1000).toFixed(1)} s (${((Date.now() - t0) / 1000).toFixed(0)} s in all)${status === 0 ? '' : ' FAILED'}`;
    if (live) console.log(line);
    else out.push(line);
  }
  if (!live) process.stdout.write(`\n===== lane ${name} =====\n${out.join('')}\n`);
  return failed;
}

/** A real server on a free port with a fresh database file and data directory. */
async function testServer(distDir) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-sandbox-test-'));
  const port = await freePort();
  const server = await startServer({
    port,
    distDir,
    env: { SANDBOX_DB: path.join(dataDir, 'sandbox.db'), SANDBOX_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`> test server ${server.origin} (database in ${dataDir})`);
  return {
    env: { SANDBOX_URL: server.origin, SANDBOX_DB_FILE: path.join(dataDir, 'sandbox.db') },
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Specs the second lane runs after the unit and integration tests, so both
 * lanes end at about the same time (each lane keeps about one core busy):
 * about three minutes of Playwright on a quiet 2-core machine.
 */
const SECOND_LANE_SPECS = ['accessibility.spec.ts', 'readme-walk.spec.ts', 'client-refresh.spec.ts', 'scenario-front-door.spec.ts'];

const integration = (extra = []) => ({ cmd: bin('vitest'), args: ['run', '--config', 'vitest.integration.config.ts', ...extra] });
const e2e = (extra = []) => ({ cmd: bin('playwright'), args: ['test', ...extra] });
const unitTests = { cmd: bin('vitest'), args: ['run'] };

if (mode === 'unit') {
  runOrExit(bin('tsc'), ['--noEmit', '-p', '.']);
  runOrExit(unitTests.cmd, unitTests.args);
} else if (mode === 'all' || mode === 'server') {
  if (mode === 'all') {
    runOrExit(bin('tsc'), ['--noEmit', '-p', '.']);
    // The build below need not type-check again what tsc just checked (next.config.ts).
    process.env.SANDBOX_TYPES_CHECKED = '1';
  }
  const distDir = process.env.NEXT_DIST_DIR || '.next-test';
  const buildStart = Date.now();
  buildIfNeeded(distDir);
  took('build', buildStart);
  // Both lanes' servers serve this build: nothing started from now on rebuilds it under them.
  process.env.SANDBOX_FROZEN_BUILD = distDir;

  const only = rest.length ? rest : null;
  // Named files go to the runner that owns them: e2e/ specs (and any flags
  // after them, such as --grep) to Playwright, the rest to vitest.
  const firstSpec = only ? only.findIndex((a) => a.includes('e2e')) : -1;
  const forVitest = only && firstSpec >= 0 ? only.slice(0, firstSpec) : only;
  const forPlaywright = only && firstSpec >= 0 ? only.slice(firstSpec) : null;
  const runVitest = !only || forVitest.length > 0;
  const runPlaywright = !only || forPlaywright !== null;

  const servers = [];
  let failed = 0;
  try {
    const lanes = [];
    // A whole run balances its lanes: the second lane, done with vitest, runs
    // a few long specs (on its own server, with its own output folder) while
    // the first runs the rest; a run of named files keeps them in one lane.
    const split = !only && runPlaywright && runVitest;
    if (runPlaywright) {
      const server = await testServer(distDir);
      servers.push(server);
      const env = { ...server.env, ...(split ? { SANDBOX_E2E_SKIP: SECOND_LANE_SPECS.join(',') } : {}) };
      lanes.push(lane('e2e', [{ ...e2e(forPlaywright ?? []), env }], { live: true }));
    }
    if (runVitest) {
      const server = await testServer(distDir);
      servers.push(server);
      const steps = [{ ...integration(forVitest ?? []), env: server.env }];
      if (mode === 'all') steps.unshift(unitTests);
      if (split) steps.push({ ...e2e([...SECOND_LANE_SPECS.map((f) => `e2e/${f}`), '--output', 'test-results-second-lane']), env: server.env });
      lanes.push(lane(split ? 'unit+integration+e2e' : 'unit+integration', steps, { live: !runPlaywright }));
    }
    for (const n of await Promise.all(lanes)) failed += n;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  if (failed) {
    console.error('\n✗ some test suites failed');
    process.exit(1);
  }
} else {
  console.error(`unknown mode ${mode}: use unit, server or nothing`);
  process.exit(2);
}
console.log('\n✓ all tests passed');
