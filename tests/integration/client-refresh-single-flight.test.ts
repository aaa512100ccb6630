import { describe, expect, it } from 'vitest';
import { signInToNotesAssistant } from './helpers/client-sign-in';
import { newRun, runEvents, type TestRun } from './helpers/run';

/**
 * Issue 8 §3 over the wire: one signed-in Notes Assistant session, its access
 * token expired (the run's clock jumped past its lifetime), and 20 page loads
 * of /client/notes at once. RFC 6749 §6: the client discards the old refresh
 * token once rotated, so exactly one refresh happens, every load lists the
 * notes, and the grant stays live (RFC 9700 §4.14.2 would revoke it on a replay).
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';

interface Ev { type: string; outcome: string; summary: string }
/** The run's events and its clock are the owner's (the run key). */
const events = (run: TestRun): Promise<Ev[]> => runEvents<Ev>(origin, run);

async function jumpClock(run: TestRun, clockOffset: number): Promise<void> {
  const res = await fetch(`${origin}/api/runs/current`, {
    method: 'PATCH',
    headers: { ...run.owner, 'content-type': 'application/json', origin },
    body: JSON.stringify({ clockOffset }),
  });
  expect(res.status).toBe(200);
}

describe('Notes Assistant refreshes once for many concurrent page loads (issue 8 §3)', () => {
  // 20 server-rendered pages at once: generous on a loaded machine.
  it('20 concurrent loads of /client/notes on an expired session: one refresh, all succeed, the grant stays live', { timeout: 240_000 }, async () => {
    // The browser owns its run: its run key cookie, as a visitor's browser holds it.
    const run = await newRun(origin);
    const jar = await signInToNotesAssistant({ origin, user: 'alice', scope: 'openid profile offline_access notes:read', runKey: run.key });
    const load = () => fetch(`${origin}/client/notes`, { redirect: 'manual', headers: { cookie: jar.header() } });

    // Signed in and working: the notes list loads (and the Notes API has fetched the JWKS).
    const first = await load();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Groceries');

    // Access tokens live 300 s by default: an hour later the Notes API refuses it (invalid_token).
    await jumpClock(run, 3600);
    const pages = await Promise.all(Array.from({ length: 20 }, load));
    const texts = await Promise.all(pages.map((p) => p.text()));
    expect(pages.map((p) => p.status)).toEqual(Array(20).fill(200));
    for (const t of texts) {
      expect(t).toContain('Groceries'); // alice's note: the list worked
      expect(t).not.toMatch(/refresh failed|could not refresh|sign in again/i);
    }
    const after = await events(run);
    const refreshes = after.filter((e) => e.type === 'client.token_refreshed');
    expect(refreshes.map((e) => e.outcome)).toEqual(['ok']);
    // No refresh token came back twice to the token endpoint: nothing refused there.
    expect(after.filter((e) => e.type.startsWith('token.') && e.outcome !== 'ok' && e.outcome !== 'info')).toEqual([]);

    // The grant is still live: an hour later again, the rotated refresh token works.
    await jumpClock(run, 7200);
    const again = await load();
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Groceries');
    expect((await events(run)).filter((e) => e.type === 'client.token_refreshed').map((e) => e.outcome)).toEqual(['ok', 'ok']);
  });
});
