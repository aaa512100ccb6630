// `npm run bench`: speed, measured rather than asserted in tests. Builds if
// needed, starts one production server on a free loopback port with a fresh
// database, and measures every row in one run, each also as a ratio to the
// first (`floor`, a route handler that does nothing: the framework's own
// cost). Prints a table and writes bench/results/latest.json.
//
//   npm run bench                          all rows (about two minutes)
//   npm run bench -- --compare FILE        this run beside an earlier JSON (add --no-run: latest.json beside it)
//   npm run bench -- --only floor,rs_local  some rows (floor is always measured)
//   BENCH_SECONDS=8 npm run bench          seconds per load row, in 4 interleaved slices (default 8)
//   BENCH_CPU_PROF=DIR npm run bench       the server runs under node --cpu-prof, profiles in DIR
//   NEXT_DIST_DIR=.next-base npm run bench -- --no-build   an existing build as it is (e.g. one of the code before a change)
//   npm run bench -- --out FILE            write the JSON there instead of bench/results/latest.json
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clientCredentialsRequest, basic, FORM, newRun, serviceToken, setRunSettings } from './bench/client.mjs';
import { flows, learners, loadInterleaved, timelineLatency } from './bench/rows.mjs';
import { processCpuMs } from './bench/sse.mjs';
import { printCompare, printTable } from './bench/report.mjs';
import { buildIfNeeded, ensureSecrets, freePort, root } from './server.mjs';

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const compareFile = flag('--compare');
const only = flag('--only')?.split(',');
const want = (row) => !only || row === 'floor' || only.includes(row);
const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);
const distDir = process.env.NEXT_DIST_DIR || '.next-test';

/** The server as one process, optionally under node --cpu-prof (passed to node itself, not NODE_OPTIONS). */
async function startBenchServer(dataDir) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const profDir = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined;
  const nodeArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  // The sandbox's own server process when there is one (Next behind Node's http server), else `next start`.
  const serverArgs = fs.existsSync(path.join(root, 'scripts/next-server.mjs'))
    ? ['scripts/next-server.mjs', '-p', String(port)]
    : ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'];
  const child = spawn(process.execPath, [...nodeArgs, ...serverArgs], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...ensureSecrets(), NEXTAUTH_URL: origin, SANDBOX_ORIGIN: origin, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1', SANDBOX_DB: path.join(dataDir, 'sandbox.db'), SANDBOX_DATA_DIR: dataDir },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${origin}/api/bench/floor`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('server did not answer within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  // SIGINT, so that --cpu-prof writes its profile on the way out.
  const stop = () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGINT'), setTimeout(() => child.kill('SIGKILL'), 10_000).unref())));
  return { origin, child, stop };
}

/** The in-process rows run through vitest, which resolves the app's `@/` paths and TypeScript. */
function verifyRows() {
  const out = path.join(os.tmpdir(), `bench-verify-${process.pid}.json`);
  const r = spawnSync(path.join(root, 'node_modules/.bin/vitest'), ['run', '--config', 'scripts/bench/vitest.verify.config.mts'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, BENCH_VERIFY_OUT: out }, timeout: 120_000 });
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error('the in-process verification bench failed');
  const rows = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out);
  return rows;
}

const rows = {};
const measure = async (name, fn, ratioTo) => {
  if (!want(name)) return;
  process.stdout.write(`  ${name} ...`);
  const r = await fn();
  rows[name] = r;
  if (ratioTo && rows[ratioTo]?.rps) Object.assign(r, { ratio: r.rps / rows[ratioTo].rps, ratioTo });
  console.log(` ${r.rps.toFixed(0)}/s`);
};

const earlier = compareFile ? JSON.parse(fs.readFileSync(compareFile, 'utf8')) : undefined;
if (!args.includes('--no-run')) {
  if (!args.includes('--no-build')) buildIfNeeded(distDir);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-sandbox-bench-'));
  const server = await startBenchServer(dataDir);
  const o = server.origin;
  console.log(`\nOAuth Sandbox bench against ${o}: ${CONNECTIONS} connections, ${SECONDS} s per load row, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}\n`);
  try {
    const local = await newRun(o);
    const introspecting = await newRun(o);
    await setRunSettings(o, introspecting, { verificationMode: 'introspection' });
    const localToken = await serviceToken(o, local);
    const introspectedToken = await serviceToken(o, introspecting);
    const opts = { connections: CONNECTIONS, seconds: SECONDS };
    // n2 is public in the seeded notes: the service (client_credentials, no user) may read it.
    const readNote = (token) => ({ url: `${o}/rs/api/notes/n2`, headers: { authorization: `Bearer ${token}` } });

    const introspect = { url: `${o}/as/introspect`, method: 'POST', headers: { authorization: basic('notes-api', 'notes-api-secret'), 'content-type': FORM }, body: `token=${localToken}` };
    const loadRows = Object.fromEntries(
      Object.entries({
        floor: { url: `${o}/api/bench/floor` },
        rs_local: readNote(localToken),
        rs_introspection: readNote(introspectedToken),
        token_client_credentials: clientCredentialsRequest(o, local),
        introspection: introspect,
      }).filter(([name]) => want(name)),
    );
    process.stdout.write(`  ${Object.keys(loadRows).join(', ')} (interleaved) ...`);
    const measured = await loadInterleaved(loadRows, { ...opts, cpuMs: () => processCpuMs(server.child.pid) });
    console.log(' done');
    // cpuRatio: the floor's server CPU per request over the row's, the same ratio measured by CPU time instead of the wall clock.
    const cpuRatio = (r) => (r.cpuMsPerRequest && measured.floor.cpuMsPerRequest ? { cpuRatio: measured.floor.cpuMsPerRequest / r.cpuMsPerRequest } : {});
    for (const [name, r] of Object.entries(measured)) rows[name] = name === 'floor' ? r : { ...r, ratio: r.rps / measured.floor.rps, ratioTo: 'floor', ...cpuRatio(r) };
    await measure('flow', () => flows(o, { seconds: SECONDS }), 'floor');
    if (want('verify_in_process') || want('verify_jose')) {
      const v = verifyRows();
      rows.verify_jose = v.verify_jose;
      rows.verify_in_process = { ...v.verify_in_process, ratio: v.verify_in_process.rps / v.verify_jose.rps, ratioTo: 'verify_jose' };
      console.log(`  verify_in_process, verify_jose ... ${v.verify_in_process.rps.toFixed(0)}/s, ${v.verify_jose.rps.toFixed(0)}/s`);
    }
    await measure('timeline_latency', () => timelineLatency(o));
    await measure('learners', () => learners(o, server.child.pid));
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const result = { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg()[0], connections: CONNECTIONS, seconds: SECONDS, rows };
  console.log('');
  printTable(result);
  const cpuRows = Object.entries(rows).filter(([, r]) => r.cpuMsPerRequest !== undefined);
  if (cpuRows.length) console.log(`\nserver CPU per request (ms, and as a ratio to floor): ${cpuRows.map(([k, r]) => `${k} ${r.cpuMsPerRequest.toFixed(2)}${r.cpuRatio ? ` (${r.cpuRatio.toFixed(2)})` : ''}`).join(', ')}`);
  const l = rows.learners;
  if (l?.cpuMsPerRequest !== undefined) console.log(`learners: the server worked ${l.cpuMsPerRequest.toFixed(2)} ms (CPU) per request; ${(100 * l.queueingShareOfP95).toFixed(1)}% of the p95 (${l.p95.toFixed(0)} ms) was waiting in the queue`);
  const outFile = path.resolve(root, flag('--out') ?? 'bench/results/latest.json');
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
  console.log(`\nwritten to ${path.relative(root, outFile)}`);
  if (earlier) {
    console.log(`\nA: ${compareFile} (${earlier.at})   B: this run`);
    printCompare(earlier, result, 'A', 'B');
  }
} else {
  // --compare FILE --no-run: that file (A) beside bench/results/latest.json (B), without a new run.
  const a = earlier ?? { rows: {} };
  const b = JSON.parse(fs.readFileSync(path.join(root, 'bench/results/latest.json'), 'utf8'));
  console.log(`A: ${compareFile} (${a.at})\nB: bench/results/latest.json (${b.at})`);
  printCompare(a, b, 'A', 'B');
}
