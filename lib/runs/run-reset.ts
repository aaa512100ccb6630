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
 * records `run.reset`. Started by a scenario (its Start over or its Play),
 * the reset names it: that is the scenario's start, and its pages count only
 * what follows.
 */
export function resetRun(x: RouteContext, wall: WallClock, scenario?: string): Response {
  const owner = requireRunOwner(x);
  if (owner instanceof Response) return owner;
  const id = owner.runId;
  x.db.transaction(() => {
    deleteRun(x.db, id);
    ensureRun(x.db, id, wall());
  })();
  x.recorder.useRun(id);
  x.recorder.record({
    from: 'sandbox',
    to: 'sandbox',
    type: 'run.reset',
    summary: `Run reset${scenario ? ` to start the scenario ${scenario}` : ''}: codes, tokens, consents and events deleted`,
    outcome: 'info',
    ...(scenario ? { data: { scenario } } : {}),
  });
  return jsonResponse({ id, settings: DEFAULT_SETTINGS });
}
