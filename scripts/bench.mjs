// `npm run bench`: speed, measured rather than asserted in tests. Starts one
// production server on a free port with a fresh database and times, over
// loopback, the requests a run makes most: a client_credentials token, a
// resource request verified locally (JWKS cached), the same request verified
// by introspection (a back-channel call each time), and introspection itself.
//
//   npm run bench            200 requests each
//   BENCH_N=1000 npm run bench
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfNeeded, freePort, startServer } from './server.mjs';

const N = Number(process.env.BENCH_N || 200);
const distDir = process.env.NEXT_DIST_DIR || '.next-test';
buildIfNeeded(distDir);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-sandbox-bench-'));
const server = await startServer({
  port: await freePort(),
  distDir,
  env: { SANDBOX_DB: path.join(dataDir, 'sandbox.db'), SANDBOX_DATA_DIR: dataDir },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const o = server.origin;
const basic = (id, secret) => 'Basic ' + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');

async function time(name, fn) {
  for (let i = 0; i < 10; i++) await fn(); // warm up
  const samples = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))].toFixed(2);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  console.log(`${name.padEnd(44)} n=${N}  mean ${mean.toFixed(2)} ms  p50 ${q(0.5)}  p95 ${q(0.95)}  p99 ${q(0.99)}  ${(1000 / mean).toFixed(0)} req/s`);
}

async function ok(res, what) {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

try {
  // A run of the bench's own: its key reads and changes it (the id alone only names it).
  const { key: runKey } = await (await ok(await fetch(`${o}/api/runs`, { method: 'POST' }), 'run')).json();
  const runHeaders = { 'x-sandbox-run-key': runKey };
  const tokenRequest = () =>
    fetch(`${o}/as/token`, {
      method: 'POST',
      headers: { ...runHeaders, authorization: basic('reporting-service', 'reporting-service-secret'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=notes%3Aread',
    });
  const { access_token } = await (await ok(await tokenRequest(), 'token')).json();
  const setMode = (verificationMode) =>
    fetch(`${o}/api/runs/current`, { method: 'PATCH', headers: { ...runHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ verificationMode }) });
  const readNotes = async () => ok(await fetch(`${o}/rs/api/notes`, { headers: { authorization: `Bearer ${access_token}` } }), 'notes');

  console.log(`\nOAuth Sandbox benchmarks against ${o} (loopback, one client at a time)\n`);
  await time('POST /as/token (client_credentials)', async () => ok(await tokenRequest(), 'token'));
  await ok(await setMode('local'), 'mode');
  await time('GET /rs/api/notes, local JWT verification', readNotes);
  await ok(await setMode('introspection'), 'mode');
  await time('GET /rs/api/notes, introspection per request', readNotes);
  await time('POST /as/introspect', async () =>
    ok(
      await fetch(`${o}/as/introspect`, {
        method: 'POST',
        headers: { authorization: basic('notes-api', 'notes-api-secret'), 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${access_token}`,
      }),
      'introspect',
    ),
  );
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
