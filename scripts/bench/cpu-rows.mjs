// Server CPU per request for some load rows of one build, sturdier than req/s
// on a busy machine: 200 requests of warm-up per row, then three rounds of N
// requests per row on 4 connections; the median of the rounds, in ms of the
// server process's CPU (utime + stime of all its threads, from /proc), and
// its ratio to the floor's. For a before/after pair, build the code before a
// change into another folder and run both, in the order A B B A:
//   node scripts/bench/cpu-rows.mjs .next-base 300 floor,rs_local,token_client_credentials,introspection
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { basic, clientCredentialsRequest, FORM, newRun, serviceToken, setRunSettings } from './client.mjs';
import { processCpuMs } from './sse.mjs';
import { ensureSecrets, freePort, root } from '../server.mjs';

const [dist = '.next-test', nArg = '300', rowsArg = 'floor,rs_local,rs_introspection,token_client_credentials,introspection'] = process.argv.slice(2);
const N = Number(nArg);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpu-rows-'));
const port = await freePort();
const o = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, ['scripts/next-server.mjs', '-p', String(port)], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, ...ensureSecrets(), NEXTAUTH_URL: o, SANDBOX_ORIGIN: o, NEXT_DIST_DIR: dist, NEXT_TELEMETRY_DISABLED: '1', SANDBOX_DB: path.join(dataDir, 'sandbox.db'), SANDBOX_DATA_DIR: dataDir },
});
try {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${o}/api/bench/floor`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('server did not answer within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  const local = await newRun(o);
  const introspecting = await newRun(o);
  await setRunSettings(o, introspecting, { verificationMode: 'introspection' });
  const localToken = await serviceToken(o, local);
  const introspectedToken = await serviceToken(o, introspecting);
  const requests = {
    floor: { url: `${o}/api/bench/floor` },
    rs_local: { url: `${o}/rs/api/notes/n2`, headers: { authorization: `Bearer ${localToken}` } },
    rs_introspection: { url: `${o}/rs/api/notes/n2`, headers: { authorization: `Bearer ${introspectedToken}` } },
    token_client_credentials: clientCredentialsRequest(o, local),
    introspection: { url: `${o}/as/introspect`, method: 'POST', headers: { authorization: basic('notes-api', 'notes-api-secret'), 'content-type': FORM }, body: `token=${localToken}` },
  };
  const rows = rowsArg.split(',');
  const load = (r, amount) => autocannon({ url: r.url, method: r.method ?? 'GET', headers: r.headers ?? {}, body: r.body, connections: 4, amount });
  for (const name of rows) await load(requests[name], 200);
  const perRequest = {};
  for (let round = 0; round < 3; round++)
    for (const name of rows) {
      const before = processCpuMs(child.pid);
      const a = await load(requests[name], N);
      if (a.non2xx || a.errors) console.log(`${name}: ${a.non2xx} non-2xx, ${a.errors} errors`);
      (perRequest[name] ??= []).push((processCpuMs(child.pid) - before) / a.requests.total);
    }
  const median = (v) => [...v].sort((a, b) => a - b)[1];
  const floor = perRequest.floor ? median(perRequest.floor) : undefined;
  console.log(`${dist}, load average ${os.loadavg()[0].toFixed(1)}: ${rows.map((r) => `${r} ${median(perRequest[r]).toFixed(2)} ms${floor ? ` (${(floor / median(perRequest[r])).toFixed(2)})` : ''}`).join(', ')}`);
} finally {
  child.kill('SIGINT');
  await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
