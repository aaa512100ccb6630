import 'server-only';
import type { RouteContext } from '@/lib/http/handle-route';
import { readBodyAtMost } from '@/lib/http/body-limit';
import { droppedEventCount, listEvents } from '@/lib/store/events';
import { findRun } from '@/lib/store/runs';
import { buildExport, MAX_IMPORT_BYTES, parseRunExport } from '@/lib/timeline/export-format';
import { problemResponse } from '@/lib/http/problem';
import type { WallClock } from './clock';
import { DEFAULT_SETTINGS } from './settings';
import { requireRunOwner } from './run-owner';
import { redactExport } from '@/lib/timeline/export-redaction';
import { readRunPolicy } from './run-policy';
import { jsonResponse } from '@/lib/http/json-response';

/**
 * The caller's own run as a JSON download (owner only), with no live
 * credential and no run id in it (see redactExport), dated by `wall`.
 */
export function exportRun(x: RouteContext, wall: WallClock): Response {
  const owner = requireRunOwner(x);
  if (owner instanceof Response) return owner;
  const nowMs = wall();
  const id = owner.runId;
  const run = findRun(x.db, id);
  const doc = redactExport(
    run ? buildExport(id, run.settings, listEvents(x.db, id), droppedEventCount(x.db, id), nowMs, policyWithoutTable(x, id)) : buildExport(id, DEFAULT_SETTINGS, [], 0, nowMs),
    id,
  );
  const stamp = new Date(nowMs).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return jsonResponse(doc, { headers: { 'Content-Disposition': `attachment; filename="oauth-sandbox-run-${stamp}.json"` } });
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
  return jsonResponse(result.run);
}
