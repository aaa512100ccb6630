import { describe, expect, it } from 'vitest';
import { diagramRows } from './diagram';
import type { TimelineEvent } from './events';
import { PROTOCOL_PARTIES } from './events';

const base = { runId: 'r', at: 0, summary: 's', outcome: 'denied' as const };
const tokenRequest = (seq: number, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
  ...base,
  seq,
  from: 'client',
  to: 'auth-server',
  type: 'token_request.rejected',
  http: { request: { method: 'POST', url: '/as/token', headers: {} }, response: { status: 400, headers: {} } },
  ...extra,
});

describe('failures on demand in the sequence diagram', () => {
  it('an injected answer is labelled as injected on its arrow; a real one is not', () => {
    const label = (events: TimelineEvent[]) => diagramRows(events, PROTOCOL_PARTIES).map((r) => (r.kind === 'arrow' ? r.label : r.kind));
    const injected = { endpoint: 'token', kind: 'invalid_grant' };
    expect(label([tokenRequest(1)])).toEqual(['POST /as/token']);
    expect(label([tokenRequest(1, { injected })])).toEqual(['injected: POST /as/token']);
    // One request recorded by both ends (the client's call, the authorization server's receipt) is one arrow, and it says injected when either record does.
    const clientsRecord = tokenRequest(1, { type: 'client.token_refreshed', outcome: 'error' });
    expect(label([clientsRecord, tokenRequest(2, { injected })])).toEqual(['injected: POST /as/token']);
  });
});
