import { describe, expect, it } from 'vitest';
import { problemResponse, serverErrorProblem } from './problem';

describe('RFC 9457 problem details', () => {
  it('§3: type, title, status and detail in application/problem+json, never stored, extension members kept', async () => {
    const r = problemResponse(409, 'Conflict', 'the run changed meanwhile', { run: 'r1' }, { 'Retry-After': '1' });
    expect(r.status).toBe(409);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('retry-after')).toBe('1');
    expect(await r.json()).toEqual({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'the run changed meanwhile', run: 'r1' });
  });

  it('an unexpected condition is a 500 problem that names no internals', async () => {
    const r = serverErrorProblem();
    expect(r.status).toBe(500);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(await r.json()).toEqual({ type: 'about:blank', title: 'Server error', status: 500, detail: 'The sandbox met an unexpected condition.' });
  });
});
