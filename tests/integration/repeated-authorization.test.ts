import http from 'node:http';
import { describe, expect, it } from 'vitest';

/**
 * Two `Authorization` headers on one request (RFC 6750 §3.1, issue 8 §2):
 * Node's HTTP parser kept only the first under `next start`, so the Notes API
 * saw one valid token and answered 200. The sandbox's own server
 * (scripts/next-server.mjs, `joinDuplicateHeaders`) hands the app both,
 * joined with ", ", which is not one Bearer credential: 400 invalid_request.
 * Sent with node:http and a raw header list, since fetch() would join them itself.
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const runId = () => `it-dup-${crypto.randomUUID().replace(/-/g, '')}`;

async function serviceToken(run: string): Promise<string> {
  const res = await fetch(`${origin}/as/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from('reporting-service:reporting-service-secret').toString('base64')}`,
      'x-sandbox-run': run,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'notes:read' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

function getNotes(authorization: string | string[], run: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    // A flat [name, value, ...] list: each Authorization header goes on the wire as its own line (Host is then ours to send).
    const headers = ['host', new URL(origin).host, ...[authorization].flat().flatMap((v) => ['authorization', v]), 'accept', 'application/json', 'x-sandbox-run', run];
    const req = http.request(`${origin}/rs/api/notes`, { headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a repeated Authorization header reaches the resource server', () => {
  it('one header with a valid token: 200 (the control)', async () => {
    const run = runId();
    const token = await serviceToken(run);
    expect((await getNotes(`Bearer ${token}`, run)).status).toBe(200);
  });

  for (const [name, second] of [
    ['the same token twice', (t: string) => `Bearer ${t}`],
    ['a valid token, then garbage', () => 'Bearer garbage'],
  ] as const) {
    it(`${name}: 400 invalid_request, not the first header's 200`, async () => {
      const run = runId();
      const token = await serviceToken(run);
      const res = await getNotes([`Bearer ${token}`, second(token)], run);
      expect(res.status).toBe(400);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_request"/);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'invalid_request' });
    });
  }
});
