import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { POST as token } from '@/app/(auth-server)/as/token/route';
import { POST as introspect } from '@/app/(auth-server)/as/introspect/route';
import { getDb, openDb, type Db } from '@/lib/store/db';
import { saveFailurePlan, takeFailure } from '@/lib/store/injected-failures';
import { fixedClock } from '@/lib/runs/clock';
import { CLIENTS, clientRegistry, type RegisteredClient } from './clients';
import { currentSigningKey, EC_KEY_ALG, keyInventory, rotateSigningKeys, verificationKeySet } from './keys';
import { TEST_RUN } from './test-support';

/**
 * Issue 11: what one request costs the authorization server's own code, as
 * contracts. Each was measured in a CPU profile of the bench (README, Speed).
 */

const ORIGIN = 'http://localhost:3000';
beforeAll(() => {
  process.env.SANDBOX_ORIGIN = ORIGIN;
});
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const form = (path: string, authorization: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization, ...headers }, body });
const serviceToken = () =>
  token(form('/as/token', basic('reporting-service', 'reporting-service-secret'), 'grant_type=client_credentials&scope=notes%3Aread', { 'x-sandbox-run': TEST_RUN }));
const introspection = (t: string) => introspect(form('/as/introspect', basic('notes-api', 'notes-api-secret'), `token=${encodeURIComponent(t)}`));

/** The SQL `db` prepares while `fn` runs, whitespace folded. */
async function statementsOf(db: Db, fn: () => Promise<unknown>): Promise<string[]> {
  const prepare = db.prepare;
  const seen: string[] = [];
  db.prepare = ((sql: string) => (seen.push(sql.replace(/\s+/g, ' ').trim()), prepare.call(db, sql))) as typeof db.prepare;
  try {
    await fn();
  } finally {
    db.prepare = prepare;
  }
  return seen;
}
const writes = (sql: string[]) => sql.filter((s) => /^(INSERT|UPDATE|DELETE)\b/.test(s)).map((s) => s.split(' (')[0]!.split(' SET')[0]!);

describe('the token endpoint, client_credentials, warm (issue 11)', () => {
  it('writes the access token, then the timeline, and nothing else: no write to plan a failure or note a key lifetime already noted', async () => {
    const first = await serviceToken();
    expect(first.status).toBe(200);
    let res: Response | undefined;
    const sql = await statementsOf(getDb(), async () => {
      res = await serviceToken();
    });
    expect(res!.status).toBe(200);
    expect(res!.headers.get('cache-control')).toBe('no-store');
    const body = (await res!.json()) as { access_token: string; token_type: string; scope: string };
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'notes:read' });
    // RFC 6749 §5.1: the token must be stored before it is answered; the recorder then saves the events (touchRun, numbering, INSERT).
    expect(writes(sql)).toEqual([
      'INSERT INTO as_access_tokens',
      'INSERT INTO runs',
      'UPDATE runs',
      'INSERT INTO events',
    ]);
    expect(sql).toHaveLength(8);
  });
});

describe('introspection of a JWT access token, warm (issue 11)', () => {
  it('reads the published kids only (not every key, parsed again) and not the run scopes it has no use for', async () => {
    const issued = (await (await serviceToken()).json()) as { access_token: string };
    await introspection(issued.access_token);
    let answer: Record<string, unknown> = {};
    const sql = await statementsOf(getDb(), async () => {
      answer = (await (await introspection(issued.access_token)).json()) as Record<string, unknown>;
    });
    // RFC 7662 §2.2: the token is active, with its scope and client.
    expect(answer).toMatchObject({ active: true, scope: 'notes:read', client_id: 'reporting-service', token_type: 'Bearer' });
    expect(sql.filter((s) => s.includes('FROM as_signing_keys'))).toEqual([
      "SELECT kid FROM as_signing_keys WHERE status IN ('current', 'previous') ORDER BY status, alg, created_at DESC, rowid DESC",
    ]);
    expect(sql.filter((s) => s.includes('as_scope_definitions'))).toEqual([]);
    expect(sql).toHaveLength(7);
  });
});

describe('verificationKeySet: the published keys as a jose key set, built once per key set (issue 11)', () => {
  it('hands back the same set while the keys stay, and a new one after a rotation that verifies old and new tokens', async () => {
    const db = openDb(':memory:');
    const clock = fixedClock(1_000);
    const sign = async () => {
      const key = await currentSigningKey(db, EC_KEY_ALG, clock, 300);
      const { CompactSign } = await import('jose');
      return new CompactSign(new TextEncoder().encode('{}')).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(key.privateKey);
    };
    const before = await sign();
    const a = verificationKeySet(db);
    expect(verificationKeySet(db)).toBe(a);
    await compactVerify(before, a);
    await rotateSigningKeys(db, clock);
    const after = await sign();
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    const b = verificationKeySet(db);
    expect(b).not.toBe(a);
    // RFC 7517 §5: the previous key stays published while a token it signed may live.
    await compactVerify(before, b);
    await compactVerify(after, b);
    expect(verificationKeySet(db)).toBe(b);
  });
});

describe('a key remembers the longest lifetime it signed, written only when it grows (issue 11)', () => {
  it('a second token of the same lifetime writes nothing; a longer one raises the stored value', async () => {
    const db = openDb(':memory:');
    const clock = fixedClock(1_000);
    const noted = async (lifetime: number) => writes(await statementsOf(db, () => currentSigningKey(db, EC_KEY_ALG, clock, lifetime)));
    expect(await noted(300)).toEqual(['INSERT INTO as_signing_keys', 'UPDATE as_signing_keys']);
    expect(await noted(300)).toEqual([]);
    expect(await noted(120)).toEqual([]);
    expect(await noted(900)).toEqual(['UPDATE as_signing_keys']);
    const { retiredKids } = await rotateSigningKeys(db, clock);
    const previous = keyInventory(db, clock).previous.find((k) => k.alg === EC_KEY_ALG);
    expect(retiredKids).toContain(previous?.kid);
    // Published until the longest token it signed (900 s) has expired, plus the leeway (60 s).
    expect(previous?.publishedUntil).toBe(1_000 + 900 + 60);
  });
});

describe('injected failures: a request with none planned only reads (issue 11)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('takeFailure writes nothing when nothing is planned, and still spends a planned one each time', () => {
    const db = openDb(':memory:');
    const run = 'failure-run-aaaaaaaaaaaaaaaaa';
    db.prepare('INSERT INTO runs (id, created_at, last_seen_at) VALUES (?, 0, 0)').run(run);
    expect(writes(sqlOfSync(db, () => takeFailure(db, run, 'token')))).toEqual([]);
    saveFailurePlan(db, run, { endpoint: 'token', kind: 'invalid_grant', remaining: 2 });
    expect(takeFailure(db, run, 'token')).toEqual({ endpoint: 'token', kind: 'invalid_grant', remaining: 1 });
    expect(takeFailure(db, run, 'token')).toEqual({ endpoint: 'token', kind: 'invalid_grant', remaining: 0 });
    expect(takeFailure(db, run, 'token')).toBeUndefined();
  });
});

function sqlOfSync(db: Db, fn: () => unknown): string[] {
  const prepare = db.prepare;
  const seen: string[] = [];
  db.prepare = ((sql: string) => (seen.push(sql.replace(/\s+/g, ' ').trim()), prepare.call(db, sql))) as typeof db.prepare;
  try {
    fn();
  } finally {
    db.prepare = prepare;
  }
  return seen;
}

describe('the client registry checks its redirect URIs once per list (issue 11)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a registry built again from the same list parses no URI again; a new list is checked (and refused) as before', () => {
    const list: RegisteredClient[] = [{ ...CLIENTS.find((c) => c.client_id === 'cli')!, client_id: 'once', redirect_uris: ['https://app.example/cb'] }];
    const canParse = vi.spyOn(URL, 'canParse');
    expect(clientRegistry(list).find('once')?.redirect_uris).toEqual(['https://app.example/cb']);
    const firstTime = canParse.mock.calls.length;
    expect(firstTime).toBeGreaterThan(0);
    expect(clientRegistry(list).find('once')).toBeDefined();
    expect(canParse.mock.calls.length).toBe(firstTime);
    // RFC 9700 §2.6: a list with an http redirect that is not loopback is refused, every time it is built.
    const bad: RegisteredClient[] = [{ ...list[0]!, redirect_uris: ['http://app.example/cb'] }];
    expect(() => clientRegistry(bad)).toThrow(/http is allowed only for the loopback/);
    expect(() => clientRegistry(bad)).toThrow(/http is allowed only for the loopback/);
  });
});
