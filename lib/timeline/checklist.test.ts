import { describe, expect, it } from 'vitest';
import { checklistView, consentComparison } from './checklist';
import { filterEvents, mergeEvents } from './filter';

describe('verification and policy checklists', () => {
  it('numbers the checks in order and names the first that failed', () => {
    const list = checklistView([
      { name: 'signature', passed: true, reason: 'ES256 signature valid with kid k1' },
      { name: 'scope includes notes:write', passed: false, reason: 'token scope is "openid notes:read"' },
      { name: 'role allows write', passed: false, reason: 'not reached' },
    ]);
    expect(list.items.map((c) => c.step)).toEqual([1, 2, 3]);
    expect(list.firstFailure?.name).toBe('scope includes notes:write');
    expect(list.summary).toBe('1 of 3 checks passed; failed: scope includes notes:write');
  });

  it('says so when every check passed', () => {
    const list = checklistView([{ name: 'exp', passed: true, reason: 'expires in 5 min' }]);
    expect(list.firstFailure).toBeUndefined();
    expect(list.summary).toBe('1 of 1 checks passed');
  });
});

describe('RFC 6749 §3.3 consent: asked versus granted', () => {
  it('shows each asked scope beside whether it was granted', () => {
    expect(consentComparison({ requested: ['openid', 'notes:read', 'notes:write'], granted: ['openid', 'notes:read'] })).toEqual([
      { scope: 'openid', asked: true, granted: true },
      { scope: 'notes:read', asked: true, granted: true },
      { scope: 'notes:write', asked: true, granted: false },
    ]);
  });

  it('lists a granted scope that was not asked for at the end', () => {
    expect(consentComparison({ requested: ['notes:read'], granted: ['notes:read', 'openid'] })).toEqual([
      { scope: 'notes:read', asked: true, granted: true },
      { scope: 'openid', asked: false, granted: true },
    ]);
  });
});

describe('timeline filter', () => {
  const events = [
    { seq: 1, from: 'browser', to: 'auth-server', outcome: 'ok' },
    { seq: 2, from: 'client', to: 'resource-server', outcome: 'denied' },
    { seq: 3, from: 'resource-server', to: 'auth-server', outcome: 'ok' },
  ] as const;

  it('keeps events that involve a chosen party, as sender or receiver, with a chosen outcome', () => {
    expect(filterEvents(events, { parties: ['resource-server'], outcomes: ['ok', 'denied'] }).map((e) => e.seq)).toEqual([2, 3]);
    expect(filterEvents(events, { parties: ['browser', 'client', 'auth-server', 'resource-server'], outcomes: ['denied'] }).map((e) => e.seq)).toEqual([2]);
  });

  it('merges a resumed stream without repeating an event', () => {
    expect(mergeEvents([{ seq: 1, at: 10 }, { seq: 2, at: 20 }], [{ seq: 2, at: 20 }, { seq: 3, at: 30 }]).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('orders by cause, not by storage: a back channel stored first is drawn inside the request that made it', () => {
    // The RS's exchange (request at t=100, answer received at t=130, decision at t=131) is stored after the
    // introspection exchange it caused (request arrived at the AS at t=110), which got the lower seqs.
    const stored = [
      { seq: 7, at: 120, causalAt: 110, name: 'AS: introspection request received (RS → AS)' },
      { seq: 8, at: 140, causalAt: 100, name: 'RS: GET /rs/api/notes received' },
      { seq: 9, at: 140, causalAt: 130, name: 'RS: introspection answer (AS → RS)' },
      { seq: 10, at: 140, causalAt: 131, name: 'RS: access token verified' },
    ];
    expect(mergeEvents([], stored).map((e) => e.name)).toEqual([
      'RS: GET /rs/api/notes received',
      'AS: introspection request received (RS → AS)',
      'RS: introspection answer (AS → RS)',
      'RS: access token verified',
    ]);
  });
});
