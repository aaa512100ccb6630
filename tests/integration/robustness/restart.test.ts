import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl, CookieJar, newPkce } from '../helpers/authorize';

/**
 * SIGKILL in the middle of traffic, then start again on the same database
 * (issue 11): what was acknowledged before the kill is still true after it.
 * Tokens issued before still verify, locally and by introspection; the
 * refresh token still works; every resource request answered before the kill
 * has its event on the timeline; PRAGMA integrity_check is ok. Its own server
 * on its own port and database file, never the shared test server.
 */
const root = path.resolve(__dirname, '../../..');
const distDir = process.env.NEXT_DIST_DIR || '.next-test';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-sandbox-restart-'));
const dbFile = path.join(dataDir, 'sandbox.db');
const redirectUri = 'http://127.0.0.1:48128/callback';
const FORM = 'application/x-www-form-urlencoded';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address() as net.AddressInfo;
      s.close(() => resolve(a.port));
    });
  });
}

let child: ChildProcess | undefined;

async function start(port: number): Promise<string> {
  const origin = `http://localhost:${port}`;
  // The sandbox's own server process when there is one (Next behind Node's http server), else `next start`.
  const server = fs.existsSync(path.join(root, 'scripts/next-server.mjs')) ? ['scripts/next-server.mjs', '-p', String(port)] : ['node_modules/next/dist/bin/next', 'start', '-p', String(port)];
  child = spawn(process.execPath, server, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXTAUTH_URL: origin, SANDBOX_ORIGIN: origin, SANDBOX_DB: dbFile, SANDBOX_DATA_DIR: dataDir, NEXTAUTH_SECRET: 'restart-test-secret', NEXT_TELEMETRY_DISABLED: '1' },
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${origin}/.well-known/oauth-authorization-server/as`)).ok) return origin;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not answer within 90 s');
}

function stop(signal: NodeJS.Signals): Promise<void> {
  const c = child;
  if (!c || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    c.once('exit', () => resolve());
    c.kill(signal);
  });
}

afterAll(async () => {
  await stop('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGKILL in the middle of traffic, then a restart', () => {
  it('keeps every acknowledged token, refresh token and event; the database is whole', async () => {
    const port = await freePort();
    let origin = await start(port);

    // A run as a browser holds it (the cookie), a user token with a refresh token.
    const page = await fetch(`${origin}/api/runs/current`);
    const jar = new CookieJar();
    jar.store(page);
    const cookie = jar.header();
    expect(cookie).toMatch(/^sandbox_run_key=runkey_[A-Za-z0-9_-]{43}$/);
    const { verifier, challenge } = newPkce();
    const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read offline_access', state: 'r', codeChallenge: challenge });
    const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', jar });
    const tokenRes = await fetch(`${origin}/as/token`, {
      method: 'POST',
      headers: { 'content-type': FORM, cookie },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri, client_id: 'cli', code_verifier: verifier }),
    });
    const tokens = (await tokenRes.json()) as { access_token: string; refresh_token: string };
    expect(tokenRes.status, JSON.stringify(tokens)).toBe(200);
    const read = (tag: string) => fetch(`${origin}/rs/api/notes?ack=${tag}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });

    // Traffic from four clients; kill the server once 40 requests were answered, while more are in flight.
    const acked: string[] = [];
    let n = 0;
    let killed = false;
    const enough = new Promise<void>((resolve) => {
      const worker = async () => {
        while (!killed && n < 2_000) {
          const tag = `t${n++}`;
          try {
            const res = await read(tag);
            await res.arrayBuffer();
            if (res.status === 200 && !killed) acked.push(tag);
          } catch {
            return; // the connection died with the server
          }
          if (acked.length >= 40) resolve();
        }
      };
      for (let i = 0; i < 4; i++) void worker();
    });
    await enough;
    const ackedAtKill = [...acked];
    killed = true;
    await stop('SIGKILL');

    origin = await start(port);
    // Local verification (the run's default) with the token issued before the kill.
    expect((await read('after-local')).status).toBe(200);
    // Introspection: the authorization server still knows the token.
    const introspection = await fetch(`${origin}/as/introspect`, {
      method: 'POST',
      headers: { 'content-type': FORM, authorization: `Basic ${Buffer.from('notes-api:notes-api-secret').toString('base64')}` },
      body: new URLSearchParams({ token: tokens.access_token }),
    });
    expect(await introspection.json()).toMatchObject({ active: true, client_id: 'cli', sub: 'alice' });
    const patch = await fetch(`${origin}/api/runs/current`, { method: 'PATCH', headers: { cookie, origin, 'content-type': 'application/json' }, body: JSON.stringify({ verificationMode: 'introspection' }) });
    expect(patch.status).toBe(200);
    expect((await read('after-introspection')).status).toBe(200);
    // The refresh token still works.
    const refreshed = await fetch(`${origin}/as/token`, {
      method: 'POST',
      headers: { 'content-type': FORM, cookie },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: 'cli' }),
    });
    expect(refreshed.status).toBe(200);
    expect(await refreshed.json()).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String) });
    // Every request answered before the kill has its event.
    const events = (await (await fetch(`${origin}/api/runs/current/events`, { headers: { cookie } })).json()) as { events: { http?: { request?: { url?: string } } }[] };
    const seen = new Set(events.events.map((e) => /[?&]ack=([^&]+)/.exec(e.http?.request?.url ?? '')?.[1]).filter(Boolean));
    expect(ackedAtKill.filter((t) => !seen.has(t))).toEqual([]);

    await stop('SIGTERM');
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  }, 240_000);
});
