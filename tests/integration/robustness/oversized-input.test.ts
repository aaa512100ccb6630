import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl, newPkce } from '../helpers/authorize';
import { newRun } from '../helpers/run';

/**
 * Oversized input (issue 11): 10 MB bodies, a 100 KB header, 10,000 form
 * fields, deeply nested JSON. Each is refused with 413, 431 or 400, never a
 * 5xx, quickly, and the server keeps serving afterwards.
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const REFUSED = [400, 413, 431];
const TEN_MB = 10 * 1024 * 1024;

/**
 * One request over a socket of its own. The body goes out in 64 KB chunks,
 * with a pause after the first (as curl's `Expect: 100-continue` gives the
 * server), and stops as soon as the answer arrives: a server refuses an
 * oversized body early and closes the connection, and writing on into a
 * closed connection resets it and loses the answer (a client-side race, not
 * the server's fault). A reset before any answer is still an error.
 */
function send(path: string, o: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(new URL(path, origin), { method: o.method ?? 'POST', headers: o.headers, agent: false }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      const done = () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy(); // the rest of an oversized body is never sent
      };
      res.on('data', (c: string) => (body += c));
      res.on('end', done);
      res.on('error', done);
      res.on('aborted', done);
    });
    req.on('error', (e) => setTimeout(() => answered || reject(e), 2_000));
    req.setTimeout(20_000, () => req.destroy(new Error(`no answer to ${path} within 20 s`)));
    const body = o.body === undefined ? Buffer.alloc(0) : Buffer.from(o.body);
    const CHUNK = 64 * 1024;
    const writeFrom = (offset: number): void => {
      if (answered || req.destroyed) return;
      if (offset >= body.length) return void req.end();
      req.write(body.subarray(offset, offset + CHUNK), (err) => {
        if (err) return;
        // After the first chunk, give the server a moment to refuse on Content-Length alone.
        if (offset === 0 && body.length > CHUNK) setTimeout(() => writeFrom(CHUNK), 1_000);
        else writeFrom(offset + CHUNK);
      });
    };
    writeFrom(0);
  });
}

async function stillServing(): Promise<void> {
  const res = await fetch(`${origin}/.well-known/oauth-authorization-server/as`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { issuer: string }).issuer).toBe(`${origin}/as`);
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };
// The run routes (import, settings) are the owner's: the browser's run key cookie, so the bodies reach the limits, not the owner check.
let runId = '';
let runCookie = '';
let bearer = '';

beforeAll(async () => {
  const run = await newRun(origin);
  runId = run.id;
  runCookie = `sandbox_run_key=${run.key}`;
  // A token with notes:write, so that the Notes API gets as far as reading the body.
  const { verifier, challenge } = newPkce();
  const redirectUri = 'http://127.0.0.1:48127/callback';
  const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read notes:write', state: 'b', codeChallenge: challenge });
  const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', runId });
  const res = await fetch(`${origin}/as/token`, {
    method: 'POST',
    headers: { ...FORM, 'x-sandbox-run': runId },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri, client_id: 'cli', code_verifier: verifier }),
  });
  bearer = `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
}, 60_000);

describe('oversized input is refused and the server keeps serving', () => {
  const bigForm = Buffer.alloc(TEN_MB, 'a');
  it.each([
    ['/as/token', FORM],
    ['/as/introspect', FORM],
    ['/as/revoke', FORM],
    ['/as/authorize', FORM],
    ['/rs/api/notes', JSON_TYPE],
    ['/api/runs/current/import', JSON_TYPE],
  ])('a 10 MB body to %s: 413 or 400', async (path, headers) => {
    const res = await send(path, { headers: { ...headers, origin, cookie: runCookie, authorization: bearer, 'content-length': String(TEN_MB) }, body: bigForm });
    expect(REFUSED, `${path}: ${res.status} ${res.body.slice(0, 200)}`).toContain(res.status);
    await stillServing();
  }, 60_000);

  it('a 100 KB header: 431', async () => {
    const res = await send('/as/token', { headers: { ...FORM, 'x-padding': 'a'.repeat(100 * 1024) }, body: 'grant_type=client_credentials' });
    expect(res.status).toBe(431);
    await stillServing();
  });

  it('10,000 form fields at the token endpoint: 400 (or 413), not a 5xx', async () => {
    const body = Array.from({ length: 10_000 }, (_, i) => `f${i}=x`).join('&');
    const res = await send('/as/token', { headers: { ...FORM, authorization: `Basic ${Buffer.from('reporting-service:reporting-service-secret').toString('base64')}` }, body: `grant_type=client_credentials&${body}` });
    expect(REFUSED, `${res.status} ${res.body.slice(0, 200)}`).toContain(res.status);
    await stillServing();
  });

  it('10,000 repeats of one field: 400 (RFC 6749 §3.1: parameters must not repeat)', async () => {
    const body = Array.from({ length: 10_000 }, () => 'scope=notes%3Aread').join('&');
    const res = await send('/as/token', { headers: { ...FORM, authorization: `Basic ${Buffer.from('reporting-service:reporting-service-secret').toString('base64')}` }, body: `grant_type=client_credentials&${body}` });
    expect(res.status, res.body.slice(0, 200)).toBe(400);
    await stillServing();
  });

  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const nestedObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  it.each([
    ['PATCH', '/api/runs/current'],
    ['POST', '/api/runs/current/import'],
    ['POST', '/rs/api/notes'],
  ])('deeply nested JSON to %s %s: 400 or 413', async (method, path) => {
    for (const body of [nested(100_000), nestedObject(50_000)]) {
      const res = await send(path, { method, headers: { ...JSON_TYPE, origin, cookie: runCookie, authorization: bearer }, body });
      expect(REFUSED, `${method} ${path}: ${res.status} ${res.body.slice(0, 200)}`).toContain(res.status);
    }
    await stillServing();
  }, 60_000);
});
