import 'server-only';
import type { Exchange } from '@/lib/http/exchange';
import { problemResponse } from '@/lib/http/problem';
import { jsonProblem, readJsonBody, SMALL_JSON } from '@/lib/http/bounded-json';
import { ensureRun, saveRunSettings, type RunRow } from '@/lib/store/runs';
import { newRunId, RUN_COOKIE } from './run-id';
import { applySettingsUpdate } from './settings';

/**
 * The visitor's run: named by the request, or a new one when it names none
 * (an outside client's first call). The caller sets the cookie when `created`.
 */
export function currentRun(x: Exchange): { run: RunRow; created: boolean } {
  const id = x.requestRunId ?? newRunId();
  return { run: ensureRun(x.db, id), created: !x.requestRunId };
}

export function runCookieHeader(id: string): string {
  return `${RUN_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${7 * 24 * 3600}`;
}

/** Applies a JSON settings update to the run; answers 400 naming the field when it is bad. */
export async function updateRunSettings(x: Exchange, run: RunRow): Promise<Response | RunRow> {
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
