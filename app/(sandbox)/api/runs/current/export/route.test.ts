import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/store/db';
import { appendEvents, listEvents } from '@/lib/store/events';
import { ensureRun, findRun, saveRunSettings } from '@/lib/store/runs';
import { DEFAULT_SETTINGS } from '@/lib/runs/settings';
import { newRunKey } from '@/lib/runs/run-id';
import { runIdForKey } from '@/lib/runs/run-owner';
import { GET as exportRun } from './route';
import { POST as resetRun } from '../reset/route';
import { POST as importRun } from '../import/route';

const MINE_KEY = newRunKey();
const MINE = runIdForKey(MINE_KEY);
const THEIRS = 'their_run_bbbbbbbbbbbbbbbbbb';
/** The owner's browser: the run key cookie, a same-origin JSON request. */
const withRun = (key: string, init: RequestInit = {}) => ({ ...init, headers: { cookie: `sandbox_run_key=${key}`, 'content-type': 'application/json', ...init.headers } });

function seed() {
  const db = getDb();
  for (const id of [MINE, THEIRS]) {
    ensureRun(db, id, Date.now());
    appendEvents(db, id, [{ from: 'browser', to: 'auth-server', type: 'consent.granted', summary: `consent in ${id}`, outcome: 'ok' }], undefined, 0);
  }
  return db;
}

describe('run export, reset and import', () => {
  it('exports only the caller’s run, as a download without its id', async () => {
    seed();
    const res = await exportRun(new Request('http://localhost/api/runs/current/export', withRun(MINE_KEY)));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="oauth-sandbox-run-\d{8}-\d{6}\.json"$/);
    const text = await res.text();
    expect(text).toContain(`consent in (run id removed)`);
    expect(text).not.toContain(THEIRS);
    expect(text).not.toContain(MINE);
    expect(text).not.toContain(MINE_KEY);
  });

  it('refuses a request that names the run without its key: 403, nothing changed (issue 14)', async () => {
    const db = seed();
    saveRunSettings(db, MINE, { ...DEFAULT_SETTINGS, clockOffset: 3600 });
    const named = { headers: { 'x-sandbox-run': MINE, 'content-type': 'application/json' } };
    for (const res of [
      await exportRun(new Request('http://localhost/api/runs/current/export', named)),
      await resetRun(new Request('http://localhost/api/runs/current/reset', { method: 'POST', headers: { 'x-sandbox-run': MINE } })),
      await importRun(new Request('http://localhost/x', { method: 'POST', body: '{}', ...named })),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ missing: 'run key', has: 'run id' });
    }
    expect(findRun(db, MINE)?.settings.clockOffset).toBe(3600);
  });

  it('resets the caller’s run to a clean one with the same id, leaving other runs alone', async () => {
    const db = seed();
    saveRunSettings(db, MINE, { ...DEFAULT_SETTINGS, clockOffset: 3600 });
    const res = await resetRun(new Request('http://localhost/api/runs/current/reset', withRun(MINE_KEY, { method: 'POST' })));
    expect(res.status).toBe(200);
    expect(findRun(db, MINE)?.settings.clockOffset).toBe(0);
    expect(listEvents(db, MINE).map((e) => [e.seq, e.type])).toEqual([[1, 'run.reset']]);
    expect(listEvents(db, THEIRS).length).toBeGreaterThan(0);
  });

  it('gives an exported run back for viewing, and a clear error for a malformed one', async () => {
    seed();
    const file = await (await exportRun(new Request('http://localhost/x', withRun(MINE_KEY)))).text();
    const ok = await importRun(new Request('http://localhost/x', withRun(MINE_KEY, { method: 'POST', body: file })));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { events: unknown[] }).events.length).toBeGreaterThan(0);

    const bad = await importRun(new Request('http://localhost/x', withRun(MINE_KEY, { method: 'POST', body: '[1,2' })));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(await bad.json()).toMatchObject({ detail: 'The file is not JSON. Choose a file made by “Export run”.' });
  });

  it('refuses an import larger than 2 MiB with 413', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024 + 10);
    const res = await importRun(new Request('http://localhost/x', withRun(MINE_KEY, { method: 'POST', body: big })));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ title: 'Too large', detail: 'An exported run may be at most 2097152 bytes.' });
  });
});
