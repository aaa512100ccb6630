import 'server-only';
import { invalidGrant } from '@/lib/oauth/errors';
import { revokeGrant } from '@/lib/store/grants';
import type { EventType } from '@/lib/timeline/events';
import type { RunSettings } from '@/lib/runs/settings';
import type { AuthenticatedClient } from './client-authentication';
import type { AuthServerDeps } from './deps';
import { checkIssuedTo, type RedeemableName } from './grant-checks';

/** The stored row of what a grant redeems (an authorization code, a refresh token): whose it is, in which run and grant. */
interface RedeemableRow {
  runId: string;
  clientId: string;
  grantId: string;
}

/** What differs between the grants that redeem something, at the opening and on a replay. */
export interface Redeemable<Row extends RedeemableRow> {
  name: RedeemableName;
  /** Whether the row was redeemed before: a code consumed, a refresh token rotated. */
  used(row: Row): boolean;
  /** The event a replay records, its one-line summary, and the invalid_grant description the client gets. */
  replay: { type: Extract<EventType, `${string}.replayed`>; summary(row: Row): string; description: string };
}

/** A grant opened on a row: the row, its run's settings, and `now` by the run's clock (epoch seconds). */
interface OpenedGrant<Row> {
  row: Row;
  settings: RunSettings;
  now: number;
}

/**
 * A replay (RFC 6749 §4.1.2, §10.5; RFC 9700 §4.2.4 for codes, §4.14.2 for
 * rotated refresh tokens): two parties hold what only one should, and the
 * AS cannot tell which is legitimate, so the whole grant is revoked (every
 * token issued from it). Records the replay; always throws invalid_grant.
 */
export function replayed<Row extends RedeemableRow>(row: Row, now: number, kind: Redeemable<Row>, deps: AuthServerDeps): never {
  revokeGrant(deps.db, row.grantId, now);
  deps.recorder.record({
    from: 'client',
    to: 'auth-server',
    type: kind.replay.type,
    summary: kind.replay.summary(row),
    outcome: 'denied',
    data: { client_id: row.clientId, grant_id: row.grantId },
  });
  throw invalidGrant(kind.replay.description);
}

/**
 * The opening every redeeming grant shares, as node-oidc-provider's
 * grant_common does: the row looked up by hash must exist (else
 * invalid_grant "unknown …"); its run becomes the recorder's and gives the
 * settings and `now`; it must have been issued to the authenticated client
 * (else invalid_grant); a row used before is a replay (replayed).
 *
 * Does not check expiry or anything particular to the grant.
 * Records only a replay.
 */
export function openGrant<Row extends RedeemableRow>(
  row: Row | undefined,
  client: AuthenticatedClient,
  kind: Redeemable<Row>,
  deps: AuthServerDeps,
): OpenedGrant<Row> {
  if (!row) throw invalidGrant(`unknown ${kind.name}`);
  deps.recorder.useRun(row.runId);
  const { settings, clock } = deps.openRun(row.runId);
  const now = clock();
  checkIssuedTo(row, client.client_id, kind.name);
  if (kind.used(row)) replayed(row, now, kind, deps);
  return { row, settings, now };
}
