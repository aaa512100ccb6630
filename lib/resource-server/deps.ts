import 'server-only';
import type { JWTVerifyGetKey } from 'jose';
import type { RouteContext } from '@/lib/http/handle-route';
import { issuerFor, resourceFor } from '@/lib/http/origin';
import { ensureNotesSeeded, findNote, insertNote, listNotes, notesSeeded, updateNote, deleteNote } from '@/lib/store/notes';
import { ensureRun } from '@/lib/store/runs';
import type { Db } from '@/lib/store/db';
import { findRsPolicy } from '@/lib/store/rs-policies';
import { systemWallClock, type WallClock } from '@/lib/runs/clock';
import { lookUpRun } from '@/lib/runs/run';
import { isRunId } from '@/lib/runs/run-id';
import { accountDirectory } from './accounts';
import { cachedKeySet, jwksFetcher } from './jwks-cache';
import type { NotesStore } from './note-actions';
import type { ResourceServerDeps } from './notes-request';
import { DEFAULT_POLICY, type NotesPolicy } from './policy-document';

/** The resource server's own credentials at the authorization server, for introspection (demo values). */
const RS_CLIENT_ID = 'notes-api';
const RS_CLIENT_SECRET = 'notes-api-secret';

/**
 * After an unknown `kid`, the JWKS is refetched at most once per this many
 * milliseconds: a flood of forged kids cannot flood the authorization
 * server. A token with an unknown kid during the cool-down waits for its end
 * and one shared refetch (jwks-cache.ts), so a rotation is picked up at the
 * first token with the new kid even right after a forged one.
 */
export const JWKS_COOLDOWN_MS = 5_000;
/** Even without an unknown kid, the JWKS is refetched when older than this. */
const JWKS_MAX_AGE_MS = 10 * 60_000;

const g = globalThis as unknown as { __rsJwks?: Map<string, JWTVerifyGetKey> };

/** The key set of `{issuer}/jwks`, kept per process so its cache survives requests. */
function remoteKeySet(jwksUri: string): JWTVerifyGetKey {
  g.__rsJwks ??= new Map();
  let set = g.__rsJwks.get(jwksUri);
  if (!set) {
    set = cachedKeySet({
      // Never Next's data cache (cache: 'no-store'): a rotation must be seen.
      fetchJwks: jwksFetcher(jwksUri),
      now: systemWallClock,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      cooldownMs: JWKS_COOLDOWN_MS,
      maxAgeMs: JWKS_MAX_AGE_MS,
    });
    g.__rsJwks.set(jwksUri, set);
  }
  return set;
}

/** The Notes API's notes in the store; a run first seeded here is marked as seen at `wall`'s time. */
export function notesStore(db: Db, wall: WallClock): NotesStore {
  return {
    ensureSeeded(runId, now) {
      // Nearly every request finds its run seeded: a read, not two write transactions
      // (the recorder marks the run as seen when it records the request).
      if (notesSeeded(db, runId)) return;
      ensureRun(db, runId, wall());
      ensureNotesSeeded(db, runId, now);
    },
    list: (runId) => listNotes(db, runId),
    find: (runId, id) => findNote(db, runId, id),
    insert: (runId, note) => insertNote(db, runId, note),
    update: (runId, note) => updateNote(db, runId, note),
    remove: (runId, id) => void deleteNote(db, runId, id),
    newId: () => `n-${crypto.randomUUID().slice(0, 8)}`,
  };
}

/**
 * The Notes API's deps for one HTTP request. It reaches the authorization
 * server only over HTTP (JWKS, introspection), as a real resource server would;
 * the run's settings and clock are sandbox state, read from the runs table.
 */
export function resourceServerDeps(x: RouteContext): ResourceServerDeps {
  const issuer = issuerFor(x.origin);
  // One request asks for its run's context twice (to verify, then to decide): read the run once per request.
  const contexts = new Map<string | undefined, ReturnType<ResourceServerDeps['lookUpRun']>>();
  return {
    issuer,
    resource: resourceFor(x.origin),
    keys: remoteKeySet(`${issuer}/jwks`),
    introspection: { endpoint: `${issuer}/introspect`, clientId: RS_CLIENT_ID, clientSecret: RS_CLIENT_SECRET, fetch: (input, init) => fetch(input, init) },
    lookUpRun(runId) {
      let context = contexts.get(runId);
      if (!context) {
        context = lookUpRun(x.db, runId, systemWallClock);
        contexts.set(runId, context);
      }
      return context;
    },
    accounts: accountDirectory(),
    notes: notesStore(x.db, systemWallClock),
    policy: (runId) => runPolicy(x.db, runId),
    recorder: x.recorder,
  };
}

/** The run's policy from the Notes API's own table (written only once validated), or the defaults. */
export function runPolicy(db: Db, runId: string | undefined): NotesPolicy {
  const stored = runId && isRunId(runId) ? findRsPolicy(db, runId) : undefined;
  return (stored as NotesPolicy | undefined) ?? DEFAULT_POLICY;
}
