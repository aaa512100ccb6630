import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { newRun } from './helpers/run';

/**
 * RFC 9068 §4 at the resource server over HTTP: a forged token with a
 * made-up `kid` makes the RS refetch the JWKS and spends its cool-down; a
 * real key rotation right after must not make the next valid token fail.
 * The rotation is posted directly (not through helpers/signing-keys, which
 * waits the cool-down out and would hide the fault).
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function serviceToken(runId: string): Promise<string> {
  const res = await fetch(`${origin}/as/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('reporting-service', 'reporting-service-secret'), 'x-sandbox-run': runId },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'notes:read' }),
  });
  const body = (await res.json()) as { access_token: string };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.access_token;
}

const notes = (token: string) => fetch(`${origin}/rs/api/notes`, { headers: { authorization: `Bearer ${token}` } });

describe('RFC 9068 §4 an unknown forged kid does not delay the real next key', () => {
  it('forged unknown kid, then a real rotation: a token with the new kid is accepted (200), not refused for the cool-down', async () => {
    const run = await newRun(origin);
    const runId = run.id;
    const before = await serviceToken(runId);
    expect((await notes(before)).status).toBe(200); // the RS holds the JWKS now

    // A forged token: right shape, a kid the AS never had; the RS refetches the JWKS for it and refuses it.
    const attacker = await generateKeyPair('ES256');
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ client_id: 'reporting-service', scope: 'notes:read', sandbox_run: runId })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: `forged-${crypto.randomUUID()}` })
      .setIssuer(`${origin}/as`)
      .setSubject('reporting-service')
      .setAudience(`${origin}/rs`)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .setJti(crypto.randomUUID())
      .sign(attacker.privateKey);
    const refused = await notes(forged);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');

    // At once, a real rotation, and a token signed with the new key.
    const rotated = await fetch(`${origin}/api/keys/rotate`, { method: 'POST', headers: { origin, ...run.owner } }); // a run's control: its owner, same origin
    expect(rotated.status).toBe(200);
    const after = await serviceToken(runId);
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    const res = await notes(after);
    expect(res.status, res.headers.get('www-authenticate') ?? '').toBe(200);
  }, 30_000);
});
