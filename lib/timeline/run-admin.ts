import 'server-only';
import type { RouteContext } from '@/lib/http/handle-route';
import { readBodyAtMost } from '@/lib/http/body-limit';
import { droppedEventCount, listEvents } from '@/lib/store/events';
import { deleteRun, ensureRun, findRun } from '@/lib/store/runs';
import { buildExport, MAX_IMPORT_BYTES, parseRunExport } from './export-format';
import { problemResponse } from '@/lib/http/problem';
import { DEFAULT_SETTINGS } from '@/lib/runs/settings';
import { requireRunOwner } from '@/lib/runs/run-owner';
import { redactExport } from './export-redaction';
import { readRunPolicy } from '@/lib/runs/run-policy';
import { jsonResponse } from '@/lib/http/json-response';

const json = (body: unknown, headers: Record<string, string> = {}) => jsonResponse(body, { headers });

/**
 * Resets the caller's run: deleting its row cascades to every run-owned
 * table (codes, tokens, consents, client sessions, events); the run starts
 * clean with the same id and default settings, and records `run.reset`.
 * Started by a scenario (its Start over or its Play), the reset names it:
 * that is the scenario's start, and its pages count only what follows.
 */
export function resetRun(x: RouteContext, scenario?: string): Response {
  const owner = requireRunOwner(x);
  if (owner instanceof Response) return owner;
  const id = owner.runId;
  x.db.transaction(() => {
    deleteRun(x.db, id);
    ensureRun(x.db, id);
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
  return json({ id, settings: DEFAULT_SETTINGS });
}

/**
 * The caller's own run as a JSON download (owner only), with no live
 * credential and no run id in it (see redactExport).
 */
export function exportRun(x: RouteContext, nowMs: number): Response {
  const owner = requireRunOwner(x);
  if (owner instanceof Response) return owner;
  const id = owner.runId;
  const run = findRun(x.db, id);
  const doc = redactExport(
    run ? buildExport(id, run.settings, listEvents(x.db, id), droppedEventCount(x.db, id), nowMs, policyWithoutTable(x, id)) : buildExport(id, DEFAULT_SETTINGS, [], 0, nowMs),
    id,
  );
  const stamp = new Date(nowMs).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return json(doc, { 'Content-Disposition': `attachment; filename="oauth-sandbox-run-${stamp}.json"` });
}

/** The run's scopes, actions and rules, as PUT /api/runs/current/policy takes them back. */
function policyWithoutTable(x: RouteContext, id: string): Record<string, unknown> {
  const { table: _table, ...doc } = readRunPolicy(x.db, id);
  return { ...doc };
}

/**
 * Checks an exported run for viewing read-only. Nothing is stored: the
 * imported events never join any run, so a shared file cannot reach into
 * someone's timeline.
 */
export async function importRun(x: RouteContext): Promise<Response> {
  const owner = requireRunOwner(x);
  if (owner instanceof Response) return owner;
  const text = await readBodyAtMost(x.request, MAX_IMPORT_BYTES);
  if (text === undefined) return problemResponse(413, 'Too large', `An exported run may be at most ${MAX_IMPORT_BYTES} bytes.`, { limit: 'max_bytes', max_bytes: MAX_IMPORT_BYTES });
  const result = parseRunExport(text);
  if (!result.ok)
    return problemResponse(
      result.status,
      result.status === 413 ? 'Too large' : 'Not an exported run',
      result.error,
      result.limit ? { limit: result.limit.name, [result.limit.name]: result.limit.value } : {},
    );
  return json(result.run);
}
