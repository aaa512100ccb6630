// Shared by start.mjs, test.mjs and bench.mjs: secrets under .data/, a build
// when sources changed, and a single server process (scripts/next-server.mjs,
// Next behind Node's http server) on a port of our own.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const dataDir = process.env.SANDBOX_DATA_DIR || path.join(root, '.data');

/**
 * Secrets the sandbox needs, generated once and kept in .data/secrets.json (no .env needed).
 * The app finds or creates the same file itself (lib/store/secrets.ts); this is for scripts that want them early.
 */
export function ensureSecrets() {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'secrets.json');
  if (!fs.existsSync(file)) {
    // Same format and same atomic create as the app's lib/store/secrets.ts (the app may be creating it too).
    const secrets = { NEXTAUTH_SECRET: crypto.randomBytes(32).toString('base64url') };
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Runs `next build` into distDir unless a build newer than every source file
 * is already there, or `npm test` froze that build (SANDBOX_FROZEN_BUILD):
 * its servers serve it while tests start more servers on it (the restart and
 * process tests), and a rebuild under a running server breaks its pages.
 */
export function buildIfNeeded(distDir = '.next') {
  if (process.env.SANDBOX_FROZEN_BUILD === distDir) {
    console.log(`> build in ${distDir} is the test run's own; not rebuilt under its servers`);
    return;
  }
  const buildId = path.join(root, distDir, 'BUILD_ID');
  const sources = ['app', 'components', 'lib', 'proxy.ts', 'next.config.ts', 'package.json'].map((p) => path.join(root, p));
  const newestSource = Math.max(
    ...sources.filter((p) => fs.existsSync(p)).map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)),
  );
  // The build is dated by when it STARTED (a stamp written beside BUILD_ID),
  // so a file saved while it ran counts as newer than the build.
  const stamp = path.join(root, distDir, 'build-started-at');
  const startedAt = fs.existsSync(buildId) && fs.existsSync(stamp) ? Number(fs.readFileSync(stamp, 'utf8')) : NaN;
  if (startedAt > newestSource) {
    console.log(`> build in ${distDir} is up to date`);
    return;
  }
  console.log(`> next build (into ${distDir})`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error('next build failed');
  fs.writeFileSync(stamp, String(started));
}

export function portIsFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '0.0.0.0', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts scripts/next-server.mjs as a single process on `port`, refusing a port that a
 * server already holds (never reuse someone else's server), and waits until
 * it answers.
 */
export async function startServer({ port, distDir = '.next', env = {}, stdio = 'inherit' }) {
  if (!(await portIsFree(port))) throw new Error(`port ${port} is already in use: stop that server or choose another port`);
  const origin = `http://localhost:${port}`;
  const child = spawn(process.execPath, ['scripts/next-server.mjs', '-p', String(port)], {
    cwd: root,
    stdio,
    env: {
      ...process.env,
      // No NEXTAUTH_SECRET and no NEXTAUTH_URL: the app finds its secret under SANDBOX_DATA_DIR
      // and its origin from the Host header, as under `npm run dev` (issue 9 item 3).
      SANDBOX_ORIGIN: origin,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`${origin}/.well-known/oauth-authorization-server/as`);
      if (r.status < 500) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('server did not answer within 60 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { origin, port, child, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill()))) };
}
