import { describe, expect, it } from 'vitest';

/**
 * Issue 11: the proxy gives a visitor a run key cookie only where the cookie
 * is used. `POST /api/runs` makes its own run and answers its key in the
 * body; a cookie minted for it named another, unused run.
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';

describe('the run key cookie is set only where it is used (issue 11)', () => {
  it('POST /api/runs with nothing at all: 201 with the new run id and key in the body, and no Set-Cookie', async () => {
    const res = await fetch(`${origin}/api/runs`, { method: 'POST' });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.getSetCookie()).toEqual([]);
    const body = (await res.json()) as { id: string; key: string };
    expect(body.key).toMatch(/^runkey_[A-Za-z0-9_-]{43}$/);
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    // The key controls the run it came with (X-Sandbox-Run-Key), as README "Runs" says.
    const run = await fetch(`${origin}/api/runs/current`, { headers: { 'x-sandbox-run-key': body.key } });
    expect(run.status).toBe(200);
    expect(((await run.json()) as { id: string }).id).toBe(body.id);
  });

  it('a first visit to the run API (nothing at all) still gets a run of its own and its cookie, once', async () => {
    const res = await fetch(`${origin}/api/runs/current/events`);
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^sandbox_run_key=runkey_[A-Za-z0-9_-]{43}; /);
    expect(cookies[0]).toMatch(/HttpOnly/i);
    expect(((await res.json()) as { events: unknown[] }).events).toEqual([]);
  });
});
