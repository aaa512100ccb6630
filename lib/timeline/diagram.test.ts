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

describe('one arrow per request, each answer back to its asker (walk report B, C)', () => {
  const get = (from: TimelineEvent['from'], type: TimelineEvent['type'], exchange: string, status: number) =>
    ev({ from, to: 'resource-server', type, exchange, http: { request: { method: 'GET', url: '/rs/api/notes', headers: {} }, response: { status, headers: {} } } });
  const rsExchange = (x: string, status: number, outcome: 'ok' | 'denied', method = 'GET') => [
    { ...get('client', 'resource_request.received', x, status), http: { request: { method, url: '/rs/api/notes', headers: {} }, response: { status, headers: {} } } },
    ev({ from: 'resource-server', to: 'resource-server', type: 'access_token.verified', outcome: 'ok', exchange: x }),
    ev({ from: 'resource-server', to: 'client', type: 'resource.answered', outcome, exchange: x }),
  ];

  it('a second GET of the same path is its own arrow, and each client record joins its own request (read-only-then-write, events 16-31)', () => {
    seq = 15;
    const events = [
      ...rsExchange('rs1', 200, 'ok'), // 16-18: the RS receives GET #1
      get('client', 'client.resource_called', 'c1', 200), // 19: the client's record of GET #1
      ...rsExchange('rs2', 403, 'denied', 'POST'), // 20-22: POST, refused
      { ...get('client', 'client.resource_called', 'c2', 403), outcome: 'denied' as const, http: { request: { method: 'POST', url: '/rs/api/notes', headers: {} }, response: { status: 403, headers: {} } } }, // 23
      ...rsExchange('rs3', 200, 'ok'), // 24-26: the RS receives GET #2 (the list shown again)
      get('client', 'client.resource_called', 'c3', 200), // 27: the client's record of GET #2
    ];
    const arrows = diagramRows(events, PROTOCOL_PARTIES).filter((r) => r.kind === 'arrow');
    // Each request is drawn once, its two records together, before the answer it caused (RFC 9110 §3.4: one request, one response).
    expect(arrows.map((r) => [r.label, r.seqs])).toEqual([
      ['GET /rs/api/notes', [16, 19]],
      ['resource.answered', [18]],
      ['POST /rs/api/notes', [20, 23]],
      ['resource.answered', [22]],
      ['GET /rs/api/notes', [24, 27]],
      ['resource.answered', [26]],
    ]);
  });

  it('draws each answer from the party that answers to the party that asked, whichever way it was recorded', () => {
    seq = 0;
    const [browser, client, as, rs] = [0, 1, 2, 3];
    expect(PROTOCOL_PARTIES).toEqual(['browser', 'client', 'auth-server', 'resource-server']);
    const post = (url: string, status: number) => ({ request: { method: 'POST', url, headers: {} }, response: { status, headers: {} } });
    const rows = diagramRows(
      [
        // RFC 6749 §5.1: the authorization server answers the client's token request with the tokens.
        ev({ from: 'client', to: 'auth-server', type: 'client_authentication.succeeded', exchange: 't', http: post('/as/token', 200) }),
        ev({ from: 'client', to: 'auth-server', type: 'token.issued', outcome: 'ok', exchange: 't' }),
        // RFC 7662 §2.2: the authorization server answers the resource server's introspection request, recorded by both.
        ev({ from: 'resource-server', to: 'auth-server', type: 'client_authentication.succeeded', exchange: 'i', http: post('/as/introspect', 200) }),
        ev({ from: 'resource-server', to: 'auth-server', type: 'introspection.answered', outcome: 'ok', exchange: 'i' }),
        ev({ from: 'auth-server', to: 'resource-server', type: 'introspection.answered', outcome: 'ok', exchange: 'r', http: post('http://localhost:3000/as/introspect', 200) }),
        // RFC 6749 §6 and §5.1: a refresh is answered by the authorization server.
        ev({ from: 'client', to: 'auth-server', type: 'token.refreshed', outcome: 'ok' }),
        // RFC 6749 §5.2: an error answer comes back too.
        ev({ from: 'client', to: 'auth-server', type: 'client_authentication.succeeded', exchange: 'x', http: post('/as/token', 400) }),
        ev({ from: 'client', to: 'auth-server', type: 'token_request.rejected', outcome: 'denied', exchange: 'x' }),
        // RFC 6749 §4.1.2: the code goes back to the browser; OpenID Connect Core §5.3.2: userinfo answers the client.
        ev({ from: 'auth-server', to: 'browser', type: 'authorization_code.issued', outcome: 'ok' }),
        ev({ from: 'client', to: 'auth-server', type: 'userinfo.answered', outcome: 'ok' }),
        // RFC 6750 §3: the resource server answers the client.
        ev({ from: 'resource-server', to: 'client', type: 'resource.answered', outcome: 'ok' }),
      ],
      PROTOCOL_PARTIES,
    );
    expect(rows.map((r) => (r.kind === 'arrow' ? { label: r.label, from: r.from, to: r.to, response: r.response } : r.kind))).toEqual([
      { label: 'POST /as/token', from: client, to: as, response: false },
      { label: 'token.issued', from: as, to: client, response: true },
      { label: 'POST /as/introspect', from: rs, to: as, response: false },
      { label: 'introspection.answered', from: as, to: rs, response: true },
      { label: 'token.refreshed', from: as, to: client, response: true },
      { label: 'POST /as/token', from: client, to: as, response: false },
      { label: 'token_request.rejected', from: as, to: client, response: true },
      { label: 'authorization_code.issued', from: as, to: browser, response: true },
      { label: 'userinfo.answered', from: as, to: client, response: true },
      { label: 'resource.answered', from: rs, to: client, response: true },
    ]);
  });

  it('leaves the sandbox’s own acts as recorded: a planned failure is the sandbox’s, not an answer', () => {
    seq = 0;
    const rows = diagramRows([ev({ from: 'sandbox', to: 'auth-server', type: 'failure.injected' })], ['sandbox', ...PROTOCOL_PARTIES]);
    expect(rows).toEqual([{ kind: 'arrow', seqs: [1], from: 0, to: 3, label: 'failure.injected', outcome: 'info', response: false }]);
  });
});

describe('two authorization requests are two arrows (walk2 report, fault 3)', () => {
  const authorize = (clientId: string, exchange: string) =>
    ev({
      from: 'browser',
      to: 'auth-server',
      type: 'authorization_request.received',
      exchange,
      http: { request: { method: 'GET', url: `/as/authorize?response_type=code&client_id=${encodeURIComponent(clientId)}&state=s`, headers: {} } },
    });

  it('never pairs two receipts by the same server, even for the same client: each sign-in started is its own arrow', () => {
    seq = 0;
    // RFC 6749 §4.1.1: each GET /as/authorize is one authorization request; the authorization server records each once.
    const rows = diagramRows([authorize('notes-assistant', 'a1'), authorize('notes-assistant', 'a2')], PROTOCOL_PARTIES);
    expect(rows.map((r) => (r.kind === 'arrow' ? r.seqs : r.kind))).toEqual([[1], [2]]);
  });

  it('keeps Notes Assistant’s and the agent’s authorization requests apart (the agent’s own arrow is drawn)', () => {
    seq = 3;
    const events = [
      authorize('notes-assistant', 'x4'), // 4
      ev({ from: 'auth-server', to: 'client', type: 'client_id_document.fetched', exchange: 'x5', http: { request: { method: 'GET', url: 'http://localhost:3000/agent/client.json', headers: {} }, response: { status: 200, headers: {} } } }), // 5
      authorize('http://localhost:3000/agent/client.json', 'x6'), // 6
    ];
    const arrows = diagramRows(events, PROTOCOL_PARTIES).filter((r) => r.kind === 'arrow');
    expect(arrows.map((r) => [r.label, r.seqs])).toEqual([
      ['GET /as/authorize', [4]],
      ['GET /agent/client.json', [5]],
      ['GET /as/authorize', [6]],
    ]);
  });

  it('does not join two records of different types either when their queries name different requests', () => {
    seq = 0;
    const clientSide = ev({ from: 'browser', to: 'auth-server', type: 'client.sign_in_started', exchange: 'c', http: { request: { method: 'GET', url: '/as/authorize?client_id=cli&state=t', headers: {} } } });
    const rows = diagramRows([authorize('notes-assistant', 'a'), clientSide], PROTOCOL_PARTIES);
    expect(rows.filter((r) => r.kind === 'arrow')).toHaveLength(2);
  });
});
