import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signInToNotesAssistant } from './helpers/client-sign-in';

/**
 * The server process itself (scripts/next-server.mjs, issue 9 items 3 and 14,
 * issue 8 §2): each test here starts its own server from the test build, on a
 * free port of its own, with a fresh data folder, and no NEXTAUTH_SECRET or
 * NEXTAUTH_URL in its environment (as `npm run dev` or `next start` would have it).
 */
const root = path.resolve(__dirname, '../..');
const distDir = process.env.NEXT_DIST_DIR || '.next-test';
const started: ChildProcess[] = [];
const dataDirs: string[] = [];

afterAll(() => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function spawnServer(port: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-proc-'));
  dataDirs.push(dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_DIST_DIR: distDir, SANDBOX_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1' };
  for (const k of ['NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'SANDBOX_ORIGIN', 'SANDBOX_DB', 'PORT']) delete env[k];
  const child = spawn(process.execPath, ['scripts/next-server.mjs', '-p', String(port)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
  return { child, dataDir, exited, out: () => stdout, err: () => stderr };
}

/** Waits for the server's own "ready" line (printed once Next is prepared), then checks that it answers. */
async function untilAnswering(origin: string, child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not say it was ready within 120 s')), 120_000);
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString();
      if (!seen.includes('> OAuth Sandbox ready on ')) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}`));
    });
  });
  expect((await fetch(`${origin}/.well-known/oauth-authorization-server/as`)).status).toBe(200);
}

/** Loads the routes next-auth calls back into (its HTTP timeout is 3.5 s; a cold route on a loaded machine can take longer). */
async function warmUp(origin: string): Promise<void> {
  for (const path of ['/as/.well-known/openid-configuration', '/as/jwks', '/as/token', '/as/userinfo', '/as/authorize', '/client']) {
    await fetch(`${origin}${path}`, { method: path === '/as/token' ? 'POST' : 'GET', redirect: 'manual' }).then((r) => r.arrayBuffer());
  }
}

describe('the server process (scripts/next-server.mjs)', () => {
  it('closes a live timeline stream and exits within 2 s of SIGTERM', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const s = spawnServer(port);
    const origin = `http://localhost:${port}`;
    await untilAnswering(origin, s.child);
    // A tab holding the live timeline: the stream has sent its first bytes and stays open.
    const streamClosed = new Promise<void>((resolve, reject) => {
      const req = http.get(`${origin}/api/runs/current/stream`, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        res.once('data', () => {
          const sentAt = Date.now();
          s.child.kill('SIGTERM');
          s.exited.then(({ at, code }) => {
            expect(at - sentAt).toBeLessThan(2000);
            expect(code).toBe(0);
          }, reject);
        });
        res.on('close', () => resolve());
        res.on('error', () => resolve());
      });
      req.on('error', () => resolve());
    });
    await streamClosed;
    const { at } = await s.exited;
    expect(s.child.exitCode).toBe(0);
    expect(at).toBeGreaterThan(0);
  });

  it('a busy port is one clear line on stderr, no stack trace, exit code 1', async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, r));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const s = spawnServer(port);
      const { code } = await s.exited;
      expect(code).toBe(1);
      const lines = s.err().trim().split('\n');
      expect(lines).toEqual([`✗ Port ${port} is already in use: stop the server that holds it, or choose another port (PORT=4000 npm start).`]);
      expect(s.err()).not.toMatch(/\n\s+at /);
    } finally {
      holder.close();
    }
  });

  it('without NEXTAUTH_SECRET or NEXTAUTH_URL, creates its secret under the data folder and signs in (issue 9 item 3)', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const s = spawnServer(port);
    const origin = `http://localhost:${port}`;
    await untilAnswering(origin, s.child);
    await warmUp(origin);
    const jar = await signInToNotesAssistant({ origin, user: 'alice', scope: 'openid profile notes:read' });
    const get = async (url: string) => {
      const r = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.store(r);
      return r;
    };
    // What a person sees: signed in, not sent back to the sign-in page.
    const home = await get(`${origin}/client`);
    expect(home.status).toBe(200);
    expect(await home.text()).toMatch(/You are signed in as (<!-- -->)?alice/);
    const secrets = JSON.parse(fs.readFileSync(path.join(s.dataDir, 'secrets.json'), 'utf8')) as { NEXTAUTH_SECRET: string };
    expect(secrets.NEXTAUTH_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    s.child.kill('SIGTERM');
    await s.exited;
  });

  it('npm start (scripts/start.mjs): one "ready" line, loopback only, and it stops when its parent dies of SIGTERM', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-proc-'));
    dataDirs.push(dataDir);
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEXT_DIST_DIR: distDir, SANDBOX_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1' };
    for (const k of ['NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'SANDBOX_ORIGIN', 'SANDBOX_DB', 'HOST']) delete env[k];
    // A parent that, like npm, dies of SIGTERM without passing it on to start.mjs.
    const parent = spawn('sh', ['-c', 'node scripts/start.mjs & wait'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(parent);
    let out = '';
    parent.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    parent.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const origin = `http://localhost:${port}`;
    const answers = () => fetch(`${origin}/.well-known/oauth-authorization-server/as`).then((r) => r.status === 200, () => false);
    const until = async (what: string, ok: () => Promise<boolean>) => {
      for (const deadline = Date.now() + 120_000; !(await ok()); await new Promise((r) => setTimeout(r, 200)))
        if (Date.now() > deadline) throw new Error(`${what} within 120 s; output:\n${out}`);
    };
    await until('the sandbox did not answer', answers);
    await until('no ready line', async () => out.includes('> OAuth Sandbox ready on '));
    expect(out.split('\n').filter((l) => l.includes('OAuth Sandbox'))).toEqual([`> OAuth Sandbox ready on http://localhost:${port}`]);
    // Loopback only: this machine's other addresses are refused.
    const lan = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (lan) {
      const reached = await new Promise<boolean>((resolve) => {
        const c = net.connect(port, lan.address, () => (c.destroy(), resolve(true)));
        c.on('error', () => resolve(false));
      });
      expect(reached).toBe(false);
    }
    parent.kill('SIGTERM');
    await until('the sandbox still answered after its parent died', async () => !(await answers()));
  });
});
