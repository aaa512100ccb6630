import 'server-only';
import { openDb, type Db } from '@/lib/store/db';
import { insertAuthorizationCode } from '@/lib/store/authorization-codes';
import { insertGrant } from '@/lib/store/grants';
import { findCurrentSigningKey, insertSigningKey, type SigningKeyRow } from '@/lib/store/signing-keys';
import { ensureRun } from '@/lib/store/runs';
import { s256Challenge } from '@/lib/oauth/pkce';
import { fixedClock } from '@/lib/runs/clock';
import { collectingRecorder } from '@/lib/timeline/recorder';
import { DEFAULT_SETTINGS, type RunSettings } from '@/lib/runs/settings';
import { clientRegistry } from './clients';
import { DEFAULT_SCOPE_DEFINITIONS } from './scope-definitions';
import type { AuthServerDeps } from './deps';
import { randomToken, tokenHash } from './token-hash';
import { currentSigningKey, EC_KEY_ALG, RSA_KEY_ALG, type SigningAlg } from './keys';

/** For unit tests only: deps on a fresh in-memory store, with a fixed clock and a collecting recorder. */

export const TEST_ORIGIN = 'http://localhost:3000';
export const TEST_RUN = 'test-run-aaaaaaaaaaaaaaaaaaaa';
export const T0 = 1_800_000_000;

/** Route handlers run on the wall clock; rows seeded for them must be dated by it, not by T0. */
export const wallClockNow = () => Math.floor(Date.now() / 1000);

/**
 * Signing keys made once per test file (once per worker in a mutation run, which does not isolate
 * files) and copied into each test's fresh store: an RSA key generated per test made these tests
 * slow, and under Stryker every mutant reran them. Each test still gets its own rows, so a rotation
 * in one test changes nothing in another. Tests about creating and rotating keys (keys.test.ts)
 * open their own store without these.
 */
const SHARED_KEY_ROWS: SigningKeyRow[] = await (async () => {
  const scratch = openDb(':memory:');
  const rows: SigningKeyRow[] = [];
  for (const alg of [EC_KEY_ALG, RSA_KEY_ALG] as const satisfies readonly SigningAlg[]) {
    await currentSigningKey(scratch, alg, fixedClock(T0));
    rows.push(findCurrentSigningKey(scratch, alg)!);
  }
  return rows;
})();

function seedSigningKeys(db: Db) {
  for (const row of SHARED_KEY_ROWS) insertSigningKey(db, row);
}

export function testDeps(settings: Partial<RunSettings> = {}, given?: Db, start: number = T0) {
  // Only a store made here gets the shared keys: a store passed in (the route tests' getDb()) keeps its own.
  const db = given ?? openDb(':memory:');
  if (!given) seedSigningKeys(db);
  const clock = fixedClock(start);
  const recorder = collectingRecorder();
  const runSettings: RunSettings = { ...DEFAULT_SETTINGS, ...settings };
  ensureRun(db, TEST_RUN, Date.now());
  const deps: AuthServerDeps = {
    db,
    clients: clientRegistry(undefined, db),
    recorder,
    issuer: `${TEST_ORIGIN}/as`,
    origin: TEST_ORIGIN,
    defaultResource: `${TEST_ORIGIN}/rs`,
    openRun: (runId) => {
      ensureRun(db, runId, Date.now());
      return { settings: runSettings, clock, scopes: DEFAULT_SCOPE_DEFINITIONS };
    },
  };
  return { deps, db, clock, recorder, settings: runSettings };
}

export const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

export interface SeedCodeOptions {
  clientId?: string;
  userId?: string;
  scope?: string;
  redirectUri?: string;
  redirectUriInRequest?: boolean;
  nonce?: string | null;
  verifier?: string;
  ttl?: number;
}

/** Writes a grant and an authorization code for it, as /as/authorize would after consent. */
export function seedCode(t: ReturnType<typeof testDeps>, o: SeedCodeOptions = {}) {
  const code = randomToken();
  const grantId = randomToken(12);
  const clientId = o.clientId ?? 'cli';
  const now = t.clock();
  insertGrant(t.db, {
    id: grantId,
    runId: TEST_RUN,
    clientId,
    userId: o.userId ?? 'alice',
    scope: o.scope ?? 'openid profile offline_access notes:read',
    resource: t.deps.defaultResource,
    authTime: now - 5,
    nonce: o.nonce === undefined ? null : o.nonce,
    createdAt: now,
  });
  const redirectUri = o.redirectUri ?? 'http://127.0.0.1:53117/callback';
  insertAuthorizationCode(t.db, {
    codeHash: tokenHash(code),
    grantId,
    runId: TEST_RUN,
    clientId,
    redirectUri,
    redirectUriInRequest: o.redirectUriInRequest ?? true,
    codeChallenge: s256Challenge(o.verifier ?? VERIFIER),
    expiresAt: now + (o.ttl ?? 60),
  });
  return { code, grantId, redirectUri, clientId };
}
