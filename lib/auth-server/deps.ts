import 'server-only';
import type { Db } from '@/lib/store/db';
import { openRun } from '@/lib/runs/run';
import type { RouteContext } from '@/lib/http/handle-route';
import { issuerFor, resourceFor } from '@/lib/http/origin';
import { runClock, systemWallClock, type Clock } from '@/lib/runs/clock';
import type { Recorder } from '@/lib/timeline/recorder';
import type { RunSettings } from '@/lib/runs/settings';
import { clientRegistry, type ClientRegistry } from './clients';
import { findScopeDefinitions } from '@/lib/store/scope-definitions';
import { DEFAULT_SCOPE_DEFINITIONS, type ScopeDefinitions } from './scope-definitions';
import { clientIdDocuments } from './client-id-document';

/**
 * What the authorization server's steps depend on, passed in so that each
 * step is a plain function tested without HTTP: the store, the registered
 * clients, the recorder, and per run its settings and its clock.
 */
export interface AuthServerDeps {
  db: Db;
  clients: ClientRegistry;
  recorder: Recorder;
  /** `{origin}/as`, exactly as the metadata says. */
  issuer: string;
  origin: string;
  /** The audience when the client names no `resource` (RFC 8707, RFC 9068 §3): `{origin}/rs`. */
  defaultResource: string;
  /**
   * Opens the run a step works in (creating it on its first request; see
   * lib/runs/run.ts openRun): its settings, its clock (the run may travel in time) and the
   * scopes it defines.
   */
  openRun(runId: string): { settings: RunSettings; clock: Clock; scopes: ScopeDefinitions };
}

/**
 * The deps of a route handler: the real store and clients, the exchange's
 * recorder. The sign-in and consent pages pass a recorder that records
 * nothing (the route handlers record the protocol's events).
 */
export function authServerDeps(x: Pick<RouteContext, 'db' | 'recorder' | 'origin'>): AuthServerDeps {
  return {
    db: x.db,
    clients: clientRegistry(undefined, x.db, clientIdDocuments(runClock({ clockOffset: 0 }, systemWallClock))),
    recorder: x.recorder,
    issuer: issuerFor(x.origin),
    origin: x.origin,
    defaultResource: resourceFor(x.origin),
    openRun(runId) {
      const run = openRun(x.db, runId, systemWallClock);
      // The scopes are read only by the steps that need them (introspection does not).
      return {
        settings: run.settings,
        clock: run.clock,
        get scopes() {
          return runScopeDefinitions(x.db, runId);
        },
      };
    },
  };
}

/** The run's scope definitions from the authorization server's own table (written only once validated), or the defaults. */
export function runScopeDefinitions(db: Db, runId: string | undefined): ScopeDefinitions {
  const stored = runId ? findScopeDefinitions(db, runId) : undefined;
  return (stored as ScopeDefinitions | undefined) ?? DEFAULT_SCOPE_DEFINITIONS;
}
