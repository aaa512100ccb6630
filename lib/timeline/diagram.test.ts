import { describe, expect, it } from 'vitest';
import { diagramRows } from './diagram';
import type { TimelineEvent } from './events';
import { PROTOCOL_PARTIES } from './events';

let seq = 0;
const ev = (e: Partial<TimelineEvent> & Pick<TimelineEvent, 'from' | 'to' | 'type'>): TimelineEvent => ({ runId: 'r', seq: ++seq, at: 0, summary: '', outcome: 'info', ...e });

describe('sequence diagram rows', () => {
  it('draws one HTTP request once even when both ends recorded it, and checks as marks sharing a row', () => {
    seq = 0;
    const rows = diagramRows(
      [
        ev({ from: 'client', to: 'resource-server', type: 'resource_request.received', http: { request: { method: 'POST', url: '/rs/api/notes', headers: {} }, response: { status: 403, headers: {} } } }),
        ev({ from: 'resource-server', to: 'resource-server', type: 'access_token.verified', outcome: 'ok' }),
        ev({ from: 'resource-server', to: 'resource-server', type: 'policy.denied', outcome: 'denied' }),
        ev({ from: 'resource-server', to: 'client', type: 'resource.answered', outcome: 'denied' }),
        ev({ from: 'client', to: 'resource-server', type: 'client.resource_called', outcome: 'denied', http: { request: { method: 'POST', url: 'http://localhost:3000/rs/api/notes', headers: {} }, response: { status: 403, headers: {} } } }),
      ],
      PROTOCOL_PARTIES,
    );
    expect(rows).toEqual([
      { kind: 'arrow', seqs: [1, 5], from: 1, to: 3, label: 'POST /rs/api/notes', status: 403, outcome: 'denied', response: false },
      { kind: 'marks', marks: [{ seq: 2, lane: 3, outcome: 'ok', type: 'access_token.verified' }, { seq: 3, lane: 3, outcome: 'denied', type: 'policy.denied' }] },
      { kind: 'arrow', seqs: [4], from: 3, to: 1, label: 'resource.answered', outcome: 'denied', response: true },
    ]);
  });

  it('keeps two separate requests to the same path as two arrows when others came between', () => {
    seq = 0;
    const call = () => ev({ from: 'client', to: 'resource-server', type: 'client.resource_called', http: { request: { method: 'GET', url: '/rs/api/notes', headers: {} } } });
    const filler = () => ev({ from: 'browser', to: 'client', type: 'client.sign_in_started' });
    const rows = diagramRows([call(), ...Array.from({ length: 8 }, filler), call()], PROTOCOL_PARTIES);
    expect(rows.filter((r) => r.kind === 'arrow' && r.label === 'GET /rs/api/notes')).toHaveLength(2);
  });

  it('draws the callback as people draw it: browser → client GET, the code exchange as its own arrows, then the redirect back to the browser', () => {
    seq = 0;
    const callback = { method: 'GET', url: '/api/auth/callback/sandbox?code=c&state=s&iss=x', headers: {} };
    // Causal order as the timeline holds it: the callback exchange's first event (tokens_received) at its arrival, then what the client did inside it.
    const rows = diagramRows(
      [
        ev({ from: 'auth-server', to: 'client', type: 'client.tokens_received', outcome: 'ok', http: { request: callback, response: { status: 302, headers: {} } } }),
        ev({ from: 'browser', to: 'client', type: 'client.callback_received', http: { request: callback } }),
        ev({ from: 'client', to: 'auth-server', type: 'client_authentication.succeeded', outcome: 'ok', http: { request: { method: 'POST', url: '/as/token', headers: {} }, response: { status: 200, headers: {} } } }),
        ev({ from: 'auth-server', to: 'auth-server', type: 'token.issued', outcome: 'ok' }),
        ev({ from: 'browser', to: 'client', type: 'client.resource_called', http: { request: { method: 'GET', url: '/client/notes', headers: {} } } }),
      ],
      PROTOCOL_PARTIES,
    );
    const [browser, client, as] = [0, 1, 2];
    expect(PROTOCOL_PARTIES.slice(0, 3)).toEqual(['browser', 'client', 'auth-server']);
    expect(rows).toEqual([
      { kind: 'arrow', seqs: [2, 1], from: browser, to: client, label: 'GET /api/auth/callback/sandbox', outcome: 'info', response: false },
      { kind: 'arrow', seqs: [3], from: client, to: as, label: 'POST /as/token', status: 200, outcome: 'ok', response: false },
      { kind: 'marks', marks: [{ seq: 4, lane: as, outcome: 'ok', type: 'token.issued' }] },
      { kind: 'arrow', seqs: [1], from: client, to: browser, label: 'GET /api/auth/callback/sandbox', status: 302, outcome: 'ok', response: true },
      { kind: 'arrow', seqs: [5], from: browser, to: client, label: 'GET /client/notes', outcome: 'info', response: false },
    ]);
    // No arrow from the authorization server carries the browser's GET.
    expect(rows.some((r) => r.kind === 'arrow' && r.from === as && r.label.startsWith('GET /api/auth/callback'))).toBe(false);
  });

  it('skips events of lanes not drawn', () => {
    seq = 0;
    expect(diagramRows([ev({ from: 'attacker', to: 'resource-server', type: 'attack.sent' })], PROTOCOL_PARTIES)).toEqual([]);
  });
});
