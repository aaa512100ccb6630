import { describe, expect, it } from 'vitest';
import { notesResponse } from './responses';

const ORIGIN = 'http://localhost:3000';

describe('mutation testing (npm run mutation): the Notes API answers in HTTP', () => {
  // RFC 9110 §15.3.5: 204 No Content has no body; like every answer carrying a user's notes, never stored (RFC 9111 §5.2.2.5).
  it('RFC 9110 §15.3.5 answers 204 with no body and Cache-Control: no-store', async () => {
    const res = notesResponse({ kind: 'ok', status: 204, checks: [] }, ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('');
  });

  // RFC 9110 §15.3.2: 201 Created names the new resource in Location.
  it('RFC 9110 §15.3.2 answers 201 with the new note in Location, its id percent-encoded', async () => {
    const res = notesResponse({ kind: 'ok', status: 201, body: { id: 'n 1/2', title: 'a' }, checks: [] }, ORIGIN);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('http://localhost:3000/rs/api/notes/n%201%2F2');
    expect(await res.json()).toEqual({ id: 'n 1/2', title: 'a' });
  });

  it('RFC 9110 §10.2.2 names no Location on a 200, nor on a 201 without an id', () => {
    expect(notesResponse({ kind: 'ok', status: 200, body: { id: 'n1' }, checks: [] }, ORIGIN).headers.get('location')).toBeNull();
    expect(notesResponse({ kind: 'ok', status: 201, body: { id: 7 }, checks: [] }, ORIGIN).headers.get('location')).toBeNull();
    expect(notesResponse({ kind: 'ok', status: 201, checks: [] }, ORIGIN).headers.get('location')).toBeNull();
  });

  // RFC 9110 §10.2.3: a 503 may say when to retry; the AS being unreachable is brief. Other problems do not.
  it('RFC 9110 §10.2.3 a 503 problem carries Retry-After: 5; a 403 problem none', async () => {
    const down = notesResponse({ kind: 'problem', status: 503, title: 'Unavailable', detail: 'the AS is down', checks: [] }, ORIGIN);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(down.headers.get('content-type')).toBe('application/problem+json');
    expect(await down.json()).toEqual({ type: 'about:blank', title: 'Unavailable', status: 503, detail: 'the AS is down' });
    const refused = notesResponse({ kind: 'problem', status: 403, title: 'Forbidden', detail: 'rule', checks: [] }, ORIGIN);
    expect(refused.headers.get('retry-after')).toBeNull();
  });
});
