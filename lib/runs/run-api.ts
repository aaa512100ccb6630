import 'server-only';
import type { RouteContext } from '@/lib/http/handle-route';
import { problemResponse } from '@/lib/http/problem';
import { jsonProblem, readJsonBody, SMALL_JSON } from '@/lib/http/bounded-json';
import { ensureRun, saveRunSettings, type RunRow } from '@/lib/store/runs';
import type { WallClock } from './clock';
import { newRunKey, RUN_KEY_COOKIE } from './run-id';
import { requireRunOwner, runIdForKey } from './run-owner';
import { applySettingsUpdate } from './settings';

/**
 * The caller's own run (see requireRunOwner). A request that carries no
 * key and names no run is a first visit: it gets a new run, and its key in
 * an httpOnly cookie (`cookie` set). Either run is marked as seen at `wall`'s time.
 */
export function currentRun(x: RouteContext, wall: WallClock): { run: RunRow; cookie?: string } | Response {
  if (!x.runs.owned && !x.runs.named && !x.runs.malformedKey) {
    const key = newRunKey();
    return { run: ensureRun(x.db, runIdForKey(key), wall()), cookie: runCookieHeader(key) };
  }
  const owner = requireRunOwner(x);
  return owner instanceof Response ? owner : { run: ensureRun(x.db, owner.runId, wall()) };
}

/** A new run for an outside tool: its id and key, no cookie (POST /api/runs). */
export function newRun(x: RouteContext, wall: WallClock): { run: RunRow; key: string } {
  const key = newRunKey();
  return { run: ensureRun(x.db, runIdForKey(key), wall()), key };
}

/** The browser's run cookie: the run key, httpOnly so no script can read it. */
export function runCookieHeader(key: string): string {
  return `${RUN_KEY_COOKIE}=${key}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${7 * 24 * 3600}`;
}

/** Applies a JSON settings update to the run; answers 400 naming the field when it is bad. */
export async function updateRunSettings(x: RouteContext, run: RunRow): Promise<Response | RunRow> {
  const parsed = await readJsonBody(() => x.bodyText(), SMALL_JSON);
  if (!parsed.ok) {
    if (parsed.limit !== 'syntax') return jsonProblem(parsed, SMALL_JSON, 'Bad settings');
    return problemResponse(400, 'Bad settings', 'The body must be JSON, for example {"clockOffset": 600}.');
  }
  const update = parsed.value;
  const result = applySettingsUpdate(run.settings, update);
  if (!result.ok) return problemResponse(400, 'Bad settings', `${result.field} ${result.message}.`, { field: result.field });
  saveRunSettings(x.db, run.id, result.settings);
  x.recorder.useRun(run.id);
  x.recorder.record({
    from: 'sandbox',
    to: 'sandbox',
    type: 'run.settings_changed',
    summary: `Run settings changed: ${Object.keys(update as object).join(', ')}`,
    outcome: 'info',
    data: { before: run.settings, after: result.settings },
  });
  return { ...run, settings: result.settings };
}
