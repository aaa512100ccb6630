import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TimelineEvent } from '@/lib/timeline/events';
import { EventErrorBoundary } from './event-boundary';
import { EventDetailView } from './event-detail';
import { SequenceView } from './sequence-view';

/** What a person reads: the markup without tags. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const forged = `${Buffer.from('{"alg":"ES256","kid":"nope","typ":"at+jwt"}').toString('base64url')}.${Buffer.from(
  '{"sub":"mallory","exp":1e13,"iat":-1e300,"scope":"notes:read"}',
).toString('base64url')}.c2ln`;

function deep(depth: number): Record<string, unknown> {
  let v: Record<string, unknown> = { end: true };
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

// Issue 8 §5: the event that made /timeline throw "Invalid time value", and an import of unknown shape.
const hostile: TimelineEvent = {
  runId: 'r',
  seq: 7,
  at: 1e20, // outside the Date range too
  from: 'client',
  to: 'resource-server',
  type: 'made.up_by_an_import' as TimelineEvent['type'],
  summary: 'x'.repeat(2000),
  outcome: 'denied',
  tokens: [{ kind: 'access_token', raw: forged }],
  data: deep(20_000),
};

describe('a hostile event renders (issue 8 §5)', () => {
  it('its detail shows the forged token with exp named as outside the range of dates, and its data named as too deep', () => {
    const html = renderToStaticMarkup(<EventDetailView event={hostile} nowSeconds={1_700_000_000} onClose={() => {}} />);
    const t = text(html);
    expect(t).toContain('exp 10000000000000 outside the range of dates (10000000000000 s from 1970)');
    expect(t).toContain('iat -1e+300 outside the range of dates');
    expect(t).toContain('[this value cannot be shown: it is nested too deeply]');
    expect(t).toContain('made.up_by_an_import · --:--:--.---');
  });

  it('its row in the list renders, with no time rather than a thrown one', () => {
    const html = renderToStaticMarkup(<SequenceView events={[hostile]} onSelect={() => {}} />);
    expect(html).toContain('data-seq="7"');
    expect(text(html)).toContain('--:--:--');
  });

  it('the error boundary stands in for an event that still throws, naming it and the error, and lets the rest live', () => {
    const boundary = new EventErrorBoundary({ what: 'Event #7', children: null });
    boundary.state = EventErrorBoundary.getDerivedStateFromError(new RangeError('Invalid time value'));
    const html = renderToStaticMarkup(<>{boundary.render()}</>);
    expect(html).toContain('role="alert"');
    expect(text(html)).toBe(' Event #7 could not be shown (Invalid time value). The rest of the timeline still works. ');
    // With no error, it is only its children.
    const fine = new EventErrorBoundary({ what: 'Event #8', children: <p>fine</p> });
    expect(renderToStaticMarkup(<>{fine.render()}</>)).toBe('<p>fine</p>');
  });
});
