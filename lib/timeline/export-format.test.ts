import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/store/db';
import { appendEvents, listEvents } from '@/lib/store/events';
import { ensureRun } from '@/lib/store/runs';
import { buildExport, MAX_IMPORT_BYTES, parseRunExport, RUN_ID_PLACEHOLDER } from './export-format';
import { DEFAULT_SETTINGS } from '@/lib/runs/settings';

const RUN = 'run_abcdefghijklmnopqrstuvwxyz';

function recordedRun() {
  const db = openDb(':memory:');
  ensureRun(db, RUN, 1000);
  appendEvents(
    db,
    RUN,
    [
      {
        from: 'client',
        to: 'resource-server',
        type: 'policy.denied',
        summary: 'scope notes:write missing → 403 insufficient_scope',
        outcome: 'denied',
        checks: [{ name: 'scope includes notes:write', passed: false, reason: 'granted: notes:read' }],
        http: { request: { method: 'POST', url: '/rs/api/notes', headers: { cookie: `sandbox_run=${RUN}` } } },
      },
      { from: 'browser', to: 'auth-server', type: 'consent.granted', summary: 'consent', outcome: 'ok', consent: { requested: ['notes:read', 'notes:write'], granted: ['notes:read'] } },
    ],
    'x1',
    2000,
  );
  return listEvents(db, RUN);
}

describe('run export and read-only import', () => {
  it('round-trips the events, with the run id taken out everywhere', () => {
    const doc = buildExport(RUN, DEFAULT_SETTINGS, recordedRun(), 0, Date.UTC(2026, 10, 25));
    const text = JSON.stringify(doc);
    expect(text).not.toContain(RUN);
    expect(doc.events[0]?.http?.request?.headers.cookie).toBe(`sandbox_run=${RUN_ID_PLACEHOLDER}`);

    const back = parseRunExport(text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.run.events.map((e) => [e.seq, e.type, e.outcome])).toEqual([
      [1, 'policy.denied', 'denied'],
      [2, 'consent.granted', 'ok'],
    ]);
    expect(back.run.events[0]?.checks?.[0]?.passed).toBe(false);
    expect(back.run.events[1]?.consent).toEqual({ requested: ['notes:read', 'notes:write'], granted: ['notes:read'] });
  });

  it('refuses a file that is not JSON, with a clear error', () => {
    expect(parseRunExport('{nope')).toEqual({ ok: false, status: 400, error: 'The file is not JSON. Choose a file made by “Export run”.' });
  });

  it('refuses JSON that is not an exported run, naming the field', () => {
    expect(parseRunExport('{"events":[]}')).toEqual({
      ok: false,
      status: 400,
      error: 'Not a valid exported run: format must be "oauth-sandbox-run": this is not an exported run.',
    });
    const doc = buildExport(RUN, DEFAULT_SETTINGS, recordedRun(), 0, 0);
    (doc.events[1] as unknown as Record<string, unknown>).from = 'mallory';
    expect(parseRunExport(JSON.stringify(doc))).toEqual({
      ok: false,
      status: 400,
      error: 'Not a valid exported run: events[1].from must be one of sandbox, browser, client, auth-server, resource-server, attacker.',
    });
  });

  it('refuses bad settings in the file', () => {
    const doc = { ...buildExport(RUN, DEFAULT_SETTINGS, [], 0, 0), settings: { clockOffset: 'soon' } };
    expect(parseRunExport(JSON.stringify(doc))).toMatchObject({ ok: false, status: 400, error: expect.stringContaining('clockOffset') });
  });

  it('refuses a file larger than the limit before parsing it', () => {
    const r = parseRunExport(' '.repeat(MAX_IMPORT_BYTES + 1));
    expect(r).toEqual({
      ok: false,
      status: 413,
      error: `The file is ${MAX_IMPORT_BYTES + 1} bytes; an exported run may be at most ${MAX_IMPORT_BYTES} bytes.`,
      limit: { name: 'max_bytes', value: MAX_IMPORT_BYTES },
    });
  });
});
