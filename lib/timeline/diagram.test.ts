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

  it('skips events of lanes not drawn', () => {
    seq = 0;
    expect(diagramRows([ev({ from: 'attacker', to: 'resource-server', type: 'attack.sent' })], PROTOCOL_PARTIES)).toEqual([]);
  });
});
