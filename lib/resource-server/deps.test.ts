import { describe, expect, it } from 'vitest';
import type { RouteContext } from '@/lib/http/handle-route';
import { getDb } from '@/lib/store/db';
import { ensureRun, saveRunSettings } from '@/lib/store/runs';
import { nullRecorder } from '@/lib/timeline/recorder';
import { DEFAULT_SETTINGS } from '@/lib/runs/settings';
import { resourceServerDeps } from './deps';

/** The few fields of an exchange that the Notes API's deps read. */
function exchange(): RouteContext {
  const request = new Request('http://sandbox.test/rs/api/notes');
  return { request, url: new URL(request.url), origin: 'http://sandbox.test', db: getDb(), recorder: nullRecorder, runs: {}, bodyText: async () => '' };
}

describe('resourceServerDeps: the run context is read once per request, per run', () => {
  it("gives each run its own settings, never another run's, and a later request sees a change", () => {
    const db = getDb();
    const a = 'deps-context-run-aaaaaaaaaaa';
    const b = 'deps-context-run-bbbbbbbbbbb';
    ensureRun(db, a, Date.now());
    ensureRun(db, b, Date.now());
    saveRunSettings(db, a, { ...DEFAULT_SETTINGS, verificationMode: 'introspection', clockOffset: 3600 });

    const first = resourceServerDeps(exchange());
    expect(first.lookUpRun(a).settings.verificationMode).toBe('introspection');
    expect(first.lookUpRun(b).settings.verificationMode).toBe('local');
    expect(first.lookUpRun(a).settings.clockOffset).toBe(3600);
    expect(first.lookUpRun(undefined)).toMatchObject({ known: false, settings: DEFAULT_SETTINGS });
    expect(first.lookUpRun('not a run id')).toMatchObject({ known: false });
    expect(first.lookUpRun(b).known).toBe(true);

    saveRunSettings(db, a, { ...DEFAULT_SETTINGS, verificationMode: 'local' });
    saveRunSettings(db, b, { ...DEFAULT_SETTINGS, verificationMode: 'introspection' });
    const next = resourceServerDeps(exchange());
    expect(next.lookUpRun(a).settings.verificationMode).toBe('local');
    expect(next.lookUpRun(b).settings.verificationMode).toBe('introspection');
  });

  it('reads the run once when verification and the decision both ask for it', () => {
    const db = getDb();
    const id = 'deps-context-run-ccccccccccc';
    ensureRun(db, id, Date.now());
    const reads: string[] = [];
    const prepare = db.prepare;
    db.prepare = ((sql: string) => (reads.push(sql), prepare.call(db, sql))) as typeof db.prepare;
    try {
      const deps = resourceServerDeps(exchange());
      deps.lookUpRun(id);
      deps.lookUpRun(id);
    } finally {
      db.prepare = prepare;
    }
    expect(reads.filter((sql) => sql.includes('FROM runs'))).toHaveLength(1);
  });
});
