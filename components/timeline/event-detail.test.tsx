import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TimelineEvent } from '@/lib/timeline/events';
import { EventDetailView } from './event-detail';
import { SequenceView } from './sequence-view';
import { SequenceDiagram } from './sequence-diagram';

const denied: TimelineEvent = {
  runId: 'r',
  seq: 19,
  at: 0,
  from: 'resource-server',
  to: 'resource-server',
  type: 'policy.denied',
  summary: 'Insufficient scope: create needs notes:write',
  outcome: 'denied',
  checks: [
    { name: 'signature', passed: true, reason: 'ES256, kid k1' },
    { name: 'scope', passed: false, reason: 'create needs notes:write; the token grants only openid notes:read' },
  ],
  http: {
    request: {
      method: 'POST',
      url: '/as/token',
      headers: { authorization: 'Basic bm90ZXM6c2VjcmV0', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code_verifier=abc',
      secrets: ['authorization', 'code_verifier'],
    },
  },
};

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('event detail view', () => {
  it('lays open the ordered checklist with pass/fail and reasons', () => {
    const html = renderToStaticMarkup(<EventDetailView event={denied} nowSeconds={0} onClose={() => {}} />);
    expect(html).toContain('aria-label="1. signature: passed, ES256, kid k1"');
    expect(html).toContain('aria-label="2. scope: failed, create needs notes:write; the token grants only openid notes:read"');
    expect(text(html)).toContain('1 of 2 checks passed; failed: scope');
    expect(text(html)).toContain('RFC 6750 §3.1');
  });

  it('marks the demo secrets of the raw request, values shown', () => {
    const t = text(renderToStaticMarkup(<EventDetailView event={denied} nowSeconds={0} onClose={() => {}} />));
    expect(t).toContain('authorization secret Basic bm90ZXM6c2VjcmV0');
    expect(t).toContain('code_verifier secret abc');
    expect(t).toContain('grant_type authorization_code');
    expect(t).not.toContain('grant_type secret');
  });

  it('shows consent asked versus granted', () => {
    const consent: TimelineEvent = { ...denied, type: 'consent.granted', outcome: 'ok', checks: undefined, http: undefined, consent: { requested: ['notes:read', 'notes:write'], granted: ['notes:read'] } };
    const t = text(renderToStaticMarkup(<EventDetailView event={consent} nowSeconds={0} onClose={() => {}} />));
    expect(t).toContain('notes:read asked ✓ granted');
    expect(t).toContain('notes:write asked ✗ not granted');
  });

  it.each(['client.sign_in_started', 'consent.shown'] as const)('a consent not answered yet (%s) says so, rather than "not granted"', (type) => {
    const asked: TimelineEvent = { ...denied, type, outcome: 'info', checks: undefined, http: undefined, consent: { requested: ['notes:read', 'notes:write'], granted: [] } };
    const t = text(renderToStaticMarkup(<EventDetailView event={asked} nowSeconds={0} onClose={() => {}} />));
    expect(t).toContain('notes:read asked not decided yet');
    expect(t).toContain('notes:write asked not decided yet');
    expect(t).not.toContain('✗ not granted');
  });

  it('a denied consent shows every scope asked as not granted', () => {
    const refused: TimelineEvent = { ...denied, type: 'consent.denied', outcome: 'denied', checks: undefined, http: undefined, consent: { requested: ['notes:read'], granted: [] } };
    expect(text(renderToStaticMarkup(<EventDetailView event={refused} nowSeconds={0} onClose={() => {}} />))).toContain('notes:read asked ✗ not granted');
  });
});

describe('the steps recorded with one exchange (walk2 report, fault 4)', () => {
  const get = (url: string, status: number) => ({ request: { method: 'GET', url, headers: {} }, response: { status, headers: {} } });
  const agent = (seq: number, e: Partial<TimelineEvent>): TimelineEvent => ({ runId: 'r', seq, at: 0, from: 'client', to: 'resource-server', type: 'agent.discovered', summary: `step ${seq}`, outcome: 'ok', exchange: 'agent-run', ...e });
  // Notes Agent, handling one request, makes three HTTP requests of its own (RFC 9728 §5.1, §3; RFC 8414 §3).
  const flow = [
    agent(8, { type: 'client.resource_called', outcome: 'denied', http: get('http://localhost:3000/rs/api/notes', 401) }),
    agent(9, { http: get('http://localhost:3000/.well-known/oauth-protected-resource/rs', 200) }),
    agent(10, { to: 'auth-server', http: get('http://localhost:3000/.well-known/oauth-authorization-server/as', 200) }),
    agent(11, { type: 'agent.scope_stepped_up', to: 'client', outcome: 'info' }),
  ];
  const render = (event: TimelineEvent, exchange: TimelineEvent[]) => renderToStaticMarkup(<EventDetailView event={event} nowSeconds={0} onClose={() => {}} exchange={exchange} onSelect={() => {}} />);

  it('calls three different requests steps of one flow, each with its own request line, not "the same HTTP request"', () => {
    const t = text(render(flow[1]!, flow));
    expect(t).not.toContain('Steps of the same HTTP request');
    expect(t).toContain('Steps of the same flow, each its own HTTP request');
    expect(t).toContain('#8 Client → Resource server: GET /rs/api/notes → 401:');
    expect(t).toContain('#10 Client → Authorization server: GET /.well-known/oauth-authorization-server/as → 200:');
  });

  it('never shows another request’s raw HTTP as this step’s', () => {
    const t = text(render(flow[3]!, flow));
    expect(t).not.toContain('Raw HTTP');
  });

  it('shows a check inside the resource server the request it handled, when the resource server also introspected (RFC 7662 §2)', () => {
    const x = (seq: number, e: Partial<TimelineEvent>): TimelineEvent => ({ runId: 'r', seq, at: 0, from: 'client', to: 'resource-server', type: 'resource_request.received', summary: `x ${seq}`, outcome: 'ok', exchange: 'rs', ...e });
    const post = { request: { method: 'POST', url: 'http://localhost:3000/as/introspect', headers: {} }, response: { status: 200, headers: {} } };
    const mixed = [
      x(1, { http: get('/rs/api/notes', 200) }),
      x(2, { type: 'introspection.answered', from: 'auth-server', http: post }),
      x(3, { type: 'access_token.verified', from: 'resource-server' }),
    ];
    const t = text(render(mixed[2]!, mixed));
    expect(t).toContain('Steps of the same flow');
    expect(t).toContain('Raw HTTP (of this request, recorded with event #1)');
  });

  it('keeps "the same HTTP request" for the steps of one request, the raw HTTP shown with each', () => {
    const rs = (seq: number, e: Partial<TimelineEvent>): TimelineEvent => ({ runId: 'r', seq, at: 0, from: 'client', to: 'resource-server', type: 'resource_request.received', summary: `rs ${seq}`, outcome: 'ok', exchange: 'rs', ...e });
    const one = [rs(1, { http: get('/rs/api/notes', 200) }), rs(2, { type: 'access_token.verified', to: 'resource-server', from: 'resource-server' }), rs(3, { type: 'resource.answered', from: 'resource-server', to: 'client' })];
    const t = text(render(one[1]!, one));
    expect(t).toContain('Steps of the same HTTP request');
    expect(t).toContain('Raw HTTP (of this request, recorded with event #1)');
  });
});

describe('sequence view', () => {
  it('is a list of events with accessible names and the lanes as data', () => {
    const html = renderToStaticMarkup(<SequenceView events={[denied]} onSelect={() => {}} />);
    expect(html).toMatch(/<ol aria-label="Timeline events"/);
    expect(html).toContain('aria-label="#19 Resource server: Insufficient scope: create needs notes:write (denied)"');
    expect(html).toContain('data-from="resource-server" data-to="resource-server"');
  });
});

describe('sequence diagram, read on a projector (walk report D, L, M)', () => {
  const ev = (seq: number, e: Pick<TimelineEvent, 'from' | 'to' | 'type'> & Partial<TimelineEvent>): TimelineEvent => ({ runId: 'r', seq, at: 0, summary: e.type, outcome: 'info', ...e });
  const html = renderToStaticMarkup(
    <SequenceDiagram
      events={[
        ev(1, { from: 'sandbox', to: 'sandbox', type: 'run.reset' }),
        ev(2, { from: 'client', to: 'auth-server', type: 'client_authentication.succeeded', outcome: 'ok', http: { request: { method: 'POST', url: '/as/token', headers: {} }, response: { status: 200, headers: {} } } }),
      ]}
      onSelect={() => {}}
    />,
  );

  it('labels wrap instead of being cut off, and are sized in rem so Large type enlarges them', () => {
    const label = /<span class="([^"]*)">POST \/<wbr\/>as\/<wbr\/>token → 200<\/span>/.exec(html);
    expect(label, html).not.toBeNull();
    // Walk2 fault 7: lines break at the path's slashes (<wbr>), and a word is broken only if it alone is wider than the lane.
    expect(label![1]).toContain('[overflow-wrap:break-word]');
    expect(label![1]).not.toContain('anywhere');
    expect(label![1]).not.toMatch(/\btruncate\b|text-\[\d+px\]/);
    expect(label![1]).toMatch(/text-\[[\d.]+rem\]/);
    expect(html).not.toMatch(/text-\[\d+px\]|h-\[\d+px\]/);
  });

  it('keeps the lane names in sight (sticky) and lets a long name wrap instead of running into the next', () => {
    const header = /<div data-lane-header="[^"]*" class="([^"]*)"/.exec(html);
    expect(header?.[1]).toMatch(/\bsticky\b/);
    expect(html).toMatch(/class="[^"]*\[overflow-wrap:anywhere\][^"]*"[^>]*>Authori\u00ADzation server</);
  });

  it('names a party’s own step beside its • mark, and says what the marks and dashes mean', () => {
    expect(text(html)).toContain('• run reset');
    expect(text(html)).toContain('Dashed: an answer');
  });

  it('wraps a long JWT header value (a kid) in the event detail instead of cutting it off', () => {
    const kid = 'OluPVXlquH-Stdo1r6DSqXnGihMW-0aVeryLongKeyIdThatGoesOnAndOn';
    const withToken: TimelineEvent = { ...denied, checks: undefined, http: undefined, tokens: [{ kind: 'access_token', raw: 'a.b.c', header: { alg: 'ES256', kid, typ: 'at+jwt' }, payload: { sub: 'bob' } }] };
    const out = renderToStaticMarkup(<EventDetailView event={withToken} nowSeconds={0} onClose={() => {}} />);
    const pre = new RegExp(`<pre class="([^"]*)">[^<]*${kid}`).exec(out);
    expect(pre, out).not.toBeNull();
    expect(pre![1]).toMatch(/whitespace-pre-wrap/);
  });
});
