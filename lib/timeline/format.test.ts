import { describe, expect, it } from 'vitest';
import { arrowFor, laneRoute, visibleLanes } from './lanes';
import { eventAccessibleName, eventHeadline, formBodyLines, headerLines, httpLine, labelBreakPieces, prettyBody } from './format';
import type { HttpMessage } from './events';

describe('timeline lanes', () => {
  it('puts the four parties in order Browser, Client, Authorization server, Resource server', () => {
    expect(arrowFor({ from: 'browser', to: 'resource-server' })).toEqual({ from: 0, to: 3, left: 0, right: 3, direction: 'right' });
    expect(arrowFor({ from: 'auth-server', to: 'client' })).toEqual({ from: 2, to: 1, left: 1, right: 2, direction: 'left' });
    expect(arrowFor({ from: 'resource-server', to: 'resource-server' }).direction).toBe('self');
  });

  it('draws Sandbox and Attacker lanes only when an event uses them: Sandbox left of Browser, Attacker right of Resource server', () => {
    expect(visibleLanes([{ from: 'browser', to: 'client' }])).toEqual(['browser', 'client', 'auth-server', 'resource-server']);
    const lanes = visibleLanes([{ from: 'attacker', to: 'resource-server' }, { from: 'sandbox', to: 'sandbox' }]);
    expect(lanes).toEqual(['sandbox', 'browser', 'client', 'auth-server', 'resource-server', 'attacker']);
    expect(arrowFor({ from: 'attacker', to: 'resource-server' }, lanes)).toEqual({ from: 5, to: 4, left: 4, right: 5, direction: 'left' });
    expect(laneRoute({ from: 'sandbox', to: 'sandbox' })).toBe('Sandbox');
  });

  it('names the route from lane to lane, or the one party for a step inside it', () => {
    expect(laneRoute({ from: 'client', to: 'auth-server' })).toBe('Client → Authorization server');
    expect(laneRoute({ from: 'resource-server', to: 'resource-server' })).toBe('Resource server');
  });
});

describe('event summaries', () => {
  it('reads as the protocol does: route, then what was sent', () => {
    expect(
      eventHeadline({ from: 'client', to: 'auth-server', summary: 'POST /as/token (authorization_code + PKCE verifier)' }),
    ).toBe('Client → Authorization server: POST /as/token (authorization_code + PKCE verifier)');
    expect(
      eventHeadline({
        from: 'resource-server',
        to: 'resource-server',
        summary: 'signature valid (kid k1), scope notes:write missing → 403 insufficient_scope',
      }),
    ).toBe('Resource server: signature valid (kid k1), scope notes:write missing → 403 insufficient_scope');
  });

  it('gives each event an accessible name with its number and outcome', () => {
    expect(eventAccessibleName({ seq: 7, from: 'browser', to: 'auth-server', summary: 'GET /as/authorize', outcome: 'denied' })).toBe(
      '#7 Browser → Authorization server: GET /as/authorize (denied)',
    );
  });

  it('shows the HTTP request line and status, or nothing without an exchange', () => {
    expect(httpLine({ request: { method: 'POST', url: '/as/token', headers: {} }, response: { status: 400, headers: {} } })).toBe(
      'POST /as/token → 400',
    );
    expect(httpLine(undefined)).toBeUndefined();
  });
});

describe('raw HTTP with demo secrets marked', () => {
  const request: HttpMessage = {
    method: 'POST',
    url: '/as/token',
    headers: { Authorization: 'Basic bm90ZXM6c2VjcmV0', 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: 'grant_type=authorization_code&code=abc&code_verifier=xyz',
    secrets: ['authorization', 'code', 'code_verifier'],
  };

  it('marks the headers that `secrets` names, whatever their case', () => {
    expect(headerLines(request)).toEqual([
      { name: 'Authorization', value: 'Basic bm90ZXM6c2VjcmV0', secret: true },
      { name: 'content-type', value: 'application/x-www-form-urlencoded;charset=UTF-8', secret: false },
    ]);
  });

  it('splits a form body into fields and marks the secret ones, values kept', () => {
    expect(formBodyLines(request)).toEqual([
      { name: 'grant_type', value: 'authorization_code', secret: false },
      { name: 'code', value: 'abc', secret: true },
      { name: 'code_verifier', value: 'xyz', secret: true },
    ]);
  });

  it('leaves a JSON body unsplit and pretty-prints it', () => {
    const json: HttpMessage = { headers: { 'content-type': 'application/json' }, body: '{"error":"invalid_grant"}' };
    expect(formBodyLines(json)).toBeUndefined();
    expect(prettyBody(json.body)).toBe('{\n  "error": "invalid_grant"\n}');
    expect(prettyBody('<html>')).toBe('<html>');
  });
});

describe('diagram labels break at path boundaries, never inside a word (walk2 report, fault 7)', () => {
  it('cuts after / . _ ? & and keeps each word whole', () => {
    expect(labelBreakPieces('GET /api/auth/callback/sandbox → 302')).toEqual(['GET /', 'api/', 'auth/', 'callback/', 'sandbox → 302']);
    expect(labelBreakPieces('introspection.answered')).toEqual(['introspection.', 'answered']);
    expect(labelBreakPieces('GET /agent/client.json → 200')).toEqual(['GET /', 'agent/', 'client.', 'json → 200']);
    expect(labelBreakPieces('GET /as/authorize?client_id=a&state=b')).toEqual(['GET /', 'as/', 'authorize?', 'client_', 'id=a&', 'state=b']);
  });

  it('gives back the label unchanged when joined, and a label without breaks whole', () => {
    const label = 'POST /.well-known/oauth-protected-resource/rs → 200';
    expect(labelBreakPieces(label).join('')).toBe(label);
    expect(labelBreakPieces('token.issued/')).toEqual(['token.', 'issued/']);
    expect(labelBreakPieces('consent')).toEqual(['consent']);
  });
});
