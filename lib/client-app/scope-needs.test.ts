import { describe, expect, it } from 'vitest';
import { fetchScopeNeeds, needMet, needsText, scopeNeeds } from './scope-needs';

describe('what each action needs in this run (the hints beside the buttons)', () => {
  it('follows a customised policy: delete needs notes:purge, an edit is the policy’s update', () => {
    const needs = scopeNeeds({ list: ['notes:read'], read: ['notes:read'], create: ['notes:write'], update: ['notes:write', 'notes:edit'], delete: ['notes:purge'] });
    expect(needs.delete).toEqual(['notes:purge']);
    expect(needs.edit).toEqual(['notes:write', 'notes:edit']);
    expect(needsText(needs.edit)).toBe('notes:write or notes:edit');
  });

  it('falls back to the default needs for a missing or malformed document', () => {
    expect(scopeNeeds(undefined).delete).toEqual(['notes:write']);
    expect(scopeNeeds({ delete: [], create: [42] })).toMatchObject({ delete: ['notes:write'], create: ['notes:write'] });
  });

  it('any one of the needed scopes suffices (RFC 6750 §3.1 otherwise)', () => {
    expect(needMet('openid notes:read notes:write', ['notes:purge'])).toBe(false);
    expect(needMet('openid notes:purge', ['notes:write', 'notes:purge'])).toBe(true);
  });

  it('reads the policy as the visitor, with their run key; defaults when it cannot', async () => {
    let sent: Headers | undefined;
    const fetcher = (async (_url: string, init?: RequestInit) => {
      sent = new Headers(init?.headers);
      return Response.json({ actions: { delete: ['notes:purge'] } });
    }) as typeof fetch;
    expect((await fetchScopeNeeds('http://s', 'runkey_x', fetcher)).delete).toEqual(['notes:purge']);
    expect(sent?.get('x-sandbox-run-key')).toBe('runkey_x');
    const failing = (async () => new Response('no', { status: 403 })) as typeof fetch;
    expect((await fetchScopeNeeds('http://s', 'runkey_x', failing)).delete).toEqual(['notes:write']);
    expect((await fetchScopeNeeds('http://s', undefined, fetcher)).delete).toEqual(['notes:write']);
  });
});
