import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TimelineEvent } from '@/lib/timeline/events';
import { EventDetailView } from './event-detail';
import { SequenceView } from './sequence-view';

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
});

describe('sequence view', () => {
  it('is a list of events with accessible names and the lanes as data', () => {
    const html = renderToStaticMarkup(<SequenceView events={[denied]} onSelect={() => {}} />);
    expect(html).toMatch(/<ol aria-label="Timeline events"/);
    expect(html).toContain('aria-label="#19 Resource server: Insufficient scope: create needs notes:write (denied)"');
    expect(html).toContain('data-from="resource-server" data-to="resource-server"');
  });
});
