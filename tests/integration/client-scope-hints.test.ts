import { describe, expect, it } from 'vitest';
import { HttpBrowser } from '@/lib/scenarios/http-browser';
import { RUN_KEY_COOKIE } from '@/lib/runs/run-id';
import { newRun } from './helpers/run';

/**
 * Notes Assistant's hints beside its buttons ("Delete needs notes:write:
 * granted ✓") follow the run's policy: after "Scopes and rules" made delete
 * need notes:purge, a token with notes:write is shown as not enough for
 * Delete, and still enough for Save.
 */
const origin = process.env.SANDBOX_URL!;
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&[a-z]+;|&#x?[0-9a-f]+;/gi, ' ').replace(/\s+/g, ' ');

describe('Notes Assistant’s scope hints in a customised run', () => {
  it('say delete needs notes:purge (not granted) and save needs notes:write (granted)', async () => {
    const run = await newRun(origin);
    const policy = await (await fetch(`${origin}/api/runs/current/policy`, { headers: run.owner })).json() as { scopes: Record<string, unknown>; actions: Record<string, string[]>; rules: unknown[] };
    const put = await fetch(`${origin}/api/runs/current/policy`, {
      method: 'PUT',
      headers: { ...run.owner, 'content-type': 'application/json', origin },
      body: JSON.stringify({ scopes: { ...policy.scopes, 'notes:purge': { meaning: 'Delete notes for good', clients: ['notes-assistant'] } }, actions: { ...policy.actions, delete: ['notes:purge'] }, rules: [] }),
    });
    expect(put.status, await put.clone().text()).toBe(200);

    // The visitor's browser, played over HTTP: sign in to Notes Assistant with read and write, as alice.
    const b = new HttpBrowser(origin, new Map([[RUN_KEY_COOKIE, run.key]]));
    await b.nextAuth('signin/sandbox', '/client/notes', { scope: 'openid profile offline_access notes:read notes:write' });
    await b.press('Sign in as alice');
    const notes = await b.press('Allow');
    expect(notes.url).toBe(`${origin}/client/notes`);
    const page = text(notes.html);
    expect(page).toContain('Delete needs notes:purge: not granted ✗');
    expect(page).toContain('Save needs notes:write: granted ✓');
    expect(page).not.toContain('both need notes:write');
  });
});
