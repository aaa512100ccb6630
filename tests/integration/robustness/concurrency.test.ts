import Database from 'better-sqlite3';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl, newPkce } from '../helpers/authorize';

/**
 * Races at the token endpoint, 50 requests at once on the real server:
 * an authorization code is single-use (RFC 6749 §4.1.2, §10.5) and a rotated
 * refresh token is single-use (RFC 9700 §4.14.2), however the requests
 * interleave; and what the store holds afterwards is whole (one grant, the
 * tokens counted, the code consumed, PRAGMA integrity_check ok).
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const dbFile = process.env.SANDBOX_DB_FILE;
const redirectUri = 'http://127.0.0.1:48125/callback';
const PARALLEL = 50;

const newRun = () => `it-race-${crypto.randomUUID().replace(/-/g, '')}`;

function tokenRequest(runId: string, params: Record<string, string>): Promise<Response> {
  return fetch(`${origin}/as/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-sandbox-run': runId },
    body: new URLSearchParams({ client_id: 'cli', ...params }),
  });
}

async function codeFor(runId: string): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = newPkce();
  const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read offline_access', state: 'race', codeChallenge: challenge });
  const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', runId });
  const code = callback.searchParams.get('code');
  expect(code, callback.toString()).toBeTruthy();
  return { code: code!, verifier };
}

async function race(runId: string, params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }[]> {
  return Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      const res = await tokenRequest(runId, params);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    }),
  );
}

function store<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(dbFile!, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('50 parallel requests at the token endpoint', () => {
  it('redeem one code: exactly one token response, 49 invalid_grant; then one refresh token used 50 times: exactly one success', async () => {
    const runId = newRun();
    const { code, verifier } = await codeFor(runId);
    const redemptions = await race(runId, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
    const issued = redemptions.filter((r) => r.status === 200);
    expect(issued).toHaveLength(1);
    expect(issued[0]!.body).toMatchObject({ token_type: expect.stringMatching(/^bearer$/i), access_token: expect.any(String), refresh_token: expect.any(String) });
    // RFC 6749 §5.2: a used code is invalid_grant, a 400.
    for (const r of redemptions.filter((x) => x.status !== 200)) expect(r).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    // The replays may revoke what the code gave (RFC 6749 §4.1.2 SHOULD); start the refresh race from a fresh code then.
    const fresh = await codeFor(runId);
    const first = await tokenRequest(runId, { grant_type: 'authorization_code', code: fresh.code, redirect_uri: redirectUri, code_verifier: fresh.verifier });
    const firstBody = (await first.json()) as { access_token: string; refresh_token: string };
    expect(first.status, JSON.stringify(firstBody)).toBe(200);
    const refreshes = await race(runId, { grant_type: 'refresh_token', refresh_token: firstBody.refresh_token });
    const refreshed = refreshes.filter((r) => r.status === 200);
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]!.body.refresh_token).not.toBe(firstBody.refresh_token);
    for (const r of refreshes.filter((x) => x.status !== 200)) expect(r).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    if (!dbFile) return; // the store is only reachable when scripts/test.mjs started the server
    const raced = decodeJwt(issued[0]!.body.access_token as string);
    const rotated = decodeJwt(refreshed[0]!.body.access_token as string);
    store((db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // The raced code's grant: one access token and one refresh token were written, never more.
      const g1 = (db.prepare('SELECT grant_id FROM as_access_tokens WHERE jti = ?').get(raced.jti) as { grant_id: string }).grant_id;
      expect(db.prepare('SELECT COUNT(*) AS n FROM as_access_tokens WHERE grant_id = ?').get(g1)).toEqual({ n: 1 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM as_refresh_tokens WHERE grant_id = ?').get(g1)).toEqual({ n: 1 });
      expect(db.prepare('SELECT COUNT(*) AS n, COUNT(consumed_at) AS consumed FROM as_authorization_codes WHERE grant_id = ?').get(g1)).toEqual({ n: 1, consumed: 1 });
      // The refreshed grant: the code's tokens plus exactly one rotation (two access, two refresh tokens; the first rotated).
      const g2 = (db.prepare('SELECT grant_id FROM as_access_tokens WHERE jti = ?').get(rotated.jti) as { grant_id: string }).grant_id;
      expect(db.prepare('SELECT COUNT(*) AS n FROM as_access_tokens WHERE grant_id = ?').get(g2)).toEqual({ n: 2 });
      expect(db.prepare('SELECT COUNT(*) AS n, COUNT(rotated_at) AS rotated FROM as_refresh_tokens WHERE grant_id = ?').get(g2)).toEqual({ n: 2, rotated: 1 });
    });
  }, 120_000);
});
