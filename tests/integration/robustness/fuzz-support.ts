import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * What every answer of the sandbox must be, whatever it was sent (issue 11):
 * never a 5xx, never a stack trace or a file path in the body, never a
 * redirect to a URI no client registered, never slower than 5 s.
 */
export const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
export const MAX_ANSWER_MS = 5_000;

/** Off-origin redirect URIs that clients registered: `cli`'s loopback callbacks (RFC 8252 §7.3). */
const REGISTERED_ELSEWHERE = /^http:\/\/(127\.0\.0\.1|\[::1\]):\d{1,5}\/callback$/;

/** A stack frame ("at fn (/path/file.js:12:34)"), or a path on this machine. */
const LEAKS = [/\bat [^\n<>"]*\(?(?:\/|node:|file:)[^\n<>"]*:\d+:\d+/, /node_modules\//, /\.next(?:-test)?\/server/, new RegExp(process.cwd().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))];

export interface Sent {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Sends one fuzzed request and checks the answer against the four rules; the message names the input. */
export async function sendAndCheck(req: Sent): Promise<Response> {
  const started = performance.now();
  const res = await fetch(req.url, { method: req.method, headers: req.headers ?? {}, redirect: 'manual', signal: AbortSignal.timeout(MAX_ANSWER_MS + 5_000), ...(req.body !== undefined ? { body: req.body } : {}) });
  const text = await res.text();
  const elapsed = performance.now() - started;
  const what = `${req.method} ${req.url.slice(0, 300)} ${JSON.stringify(req.headers ?? {}).slice(0, 300)} ${JSON.stringify(req.body ?? '').slice(0, 300)} -> ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, what).toBeLessThan(500);
  expect(elapsed, what).toBeLessThan(MAX_ANSWER_MS);
  for (const leak of LEAKS) expect(text, what).not.toMatch(leak);
  const location = res.headers.get('location');
  if (res.status >= 300 && res.status < 400 && location) {
    const to = new URL(location, req.url);
    if (to.origin !== new URL(origin).origin) expect(`${to.origin}${to.pathname}`, what).toMatch(REGISTERED_ELSEWHERE);
  }
  return res;
}

/** Strings an attacker would try, and strings the sandbox knows, mixed with random ones. */
export const interesting = fc.constantFrom(
  '',
  ' ',
  '%',
  '%ZZ',
  '%E0%A4%A',
  '\u0000',
  '\ud800',
  '🙂',
  '../../etc/passwd',
  'javascript:alert(1)',
  '<script>alert(1)</script>',
  'http://evil.example/callback',
  'http://127.0.0.1:8765/callback',
  'http://127.0.0.1:8765/callback?x=1',
  'http://[::1]:1/callback',
  'http://localhost:8765/callback',
  'cli',
  'notes-assistant',
  'reporting-service',
  'notes-api',
  'S256',
  'plain',
  'code',
  'token',
  'code id_token',
  'openid notes:read notes:write offline_access',
  'authorization_code',
  'refresh_token',
  'client_credentials',
  'urn:ietf:params:oauth:grant-type:device_code',
  'access_token',
  'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
  'eyJhbGciOiJFUzI1NiIsImtpZCI6IngiLCJ0eXAiOiJhdCtqd3QifQ.e30.AAAA',
  '{"a":1}',
  '[]',
  '-1',
  '1e309',
  'NaN',
  '0',
  'login',
  'none',
  'consent',
  'a'.repeat(3_000),
);

export const text = fc.oneof(interesting, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));

const printable = fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)));
/** A header value fetch will send (visible ASCII), random or shaped like a credential. */
export const headerValue = fc.oneof(
  fc.string({ unit: printable, maxLength: 80 }),
  fc.constantFrom('Bearer', 'Bearer ', 'Bearer a.b.c', 'Bearer ....', 'bearer x', 'Basic', 'Basic Og==', 'Basic !!!', 'Basic bm90ZXMtYXBpOm5vdGVzLWFwaS1zZWNyZXQ=', 'Basic Y2xpOg==', 'DPoP x', 'Bearer x, Bearer y'),
  fc.string({ unit: printable, maxLength: 60 }).map((s) => `Bearer ${s}`),
  fc.string({ unit: printable, maxLength: 60 }).map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
);

/** Name/value pairs drawn from `names` (repeats allowed: RFC 6749 §3.1 forbids them, the server must say so). */
export function params(names: string[]): fc.Arbitrary<[string, string][]> {
  return fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 })), text), { maxLength: 12 });
}

export function form(pairs: [string, string][]): string {
  const p = new URLSearchParams();
  for (const [k, v] of pairs) p.append(k, v);
  return p.toString();
}

/** JSON documents: random, and objects with the keys the sandbox reads. */
export function json(keys: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 10 })), fc.oneof(text, fc.jsonValue({ maxDepth: 3 })), { maxKeys: 8 }).map((v) => JSON.stringify(v)),
    text,
  );
}

/** Property options: a time budget per endpoint, never counted as a failure when it runs out. */
export const budget = (ms: number) => ({
  numRuns: 400,
  interruptAfterTimeLimit: ms,
  markInterruptAsFailure: false,
  endOnFailure: true,
  // FUZZ_SEED=... replays a failure's seed.
  ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
});
