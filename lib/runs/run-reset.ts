import 'server-only';
import type { RouteContext } from '@/lib/http/handle-route';
import { jsonResponse } from '@/lib/http/json-response';
import { deleteRun, ensureRun } from '@/lib/store/runs';
import type { WallClock } from './clock';
import { requireRunOwner } from './run-owner';
import { DEFAULT_SETTINGS } from './settings';

/**
 * Resets the caller's run: deleting its row cascades to every run-owned
 * table (codes, tokens, consents, client sessions, events); the run starts
 * clean with the same id and default settings, seen at `wall`'s time, and
 * records `run.reset`.
 */
export function resetRun(x: RouteContext, wall: WallClock): Response {
  const owner = requireRunOwner(x);
  if (owner instanceof Response) return owner;
  const id = owner.runId;
  x.db.transaction(() => {
    deleteRun(x.db, id);
    ensureRun(x.db, id, wall());
  })();
  x.recorder.useRun(id);
  x.recorder.record({ from: 'sandbox', to: 'sandbox', type: 'run.reset', summary: 'Run reset: codes, tokens, consents and events deleted', outcome: 'info' });
  return jsonResponse({ id, settings: DEFAULT_SETTINGS });
}
