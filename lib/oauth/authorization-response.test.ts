import { describe, expect, it } from 'vitest';
import { errorResponseUrl, redirectResponse, successResponseUrl, withQueryParams } from './authorization-response';

const ISS = 'https://host/as';

describe('RFC 6749 §4.1.2 authorization response', () => {
  it('A11 adds code, state and iss to the redirect URI', () => {
    const url = new URL(successResponseUrl('https://app.example/cb', { code: 'c1', state: 's', iss: ISS }));
    expect(url.origin + url.pathname).toBe('https://app.example/cb');
    expect([...url.searchParams]).toEqual([
      ['code', 'c1'],
      ['state', 's'],
      ['iss', ISS],
    ]);
  });
  it('A11 §3.1.2 keeps a query already in the registered URI, byte for byte', () => {
    const loc = successResponseUrl('https://app.example/cb?x=a%20b&y', { code: 'c1', iss: ISS });
    expect(loc.startsWith('https://app.example/cb?x=a%20b&y&code=c1&')).toBe(true);
    expect(withQueryParams('https://app.example/cb?', [['a', '1']])).toBe('https://app.example/cb?a=1');
  });
  it('A12 has no state when the request had none', () => {
    const url = new URL(successResponseUrl('https://app.example/cb', { code: 'c1', iss: ISS }));
    expect(url.searchParams.has('state')).toBe(false);
  });
  it('B5 RFC 9207 §2 sends iss exactly, percent-encoded', () => {
    const loc = successResponseUrl('https://app.example/cb', { code: 'c1', iss: ISS });
    expect(loc).toContain('iss=https%3A%2F%2Fhost%2Fas');
    expect(new URL(loc).searchParams.get('iss')).toBe(ISS);
  });
});

describe('RFC 6749 §4.1.2.1 error response', () => {
  it('A6 carries error, error_description, state and iss', () => {
    const url = new URL(
      errorResponseUrl('https://app.example/cb', {
        error: 'unsupported_response_type',
        error_description: 'response_type must be code',
        state: 's',
        iss: ISS,
      }),
    );
    expect(url.searchParams.get('error')).toBe('unsupported_response_type');
    expect(url.searchParams.get('error_description')).toBe('response_type must be code');
    expect(url.searchParams.get('state')).toBe('s');
    expect(url.searchParams.get('iss')).toBe(ISS);
  });
  it('B5 has iss, and no state when none was sent', () => {
    const url = new URL(errorResponseUrl('https://app.example/cb', { error: 'access_denied', iss: ISS }));
    expect(url.searchParams.get('iss')).toBe(ISS);
    expect(url.searchParams.has('state')).toBe(false);
  });
});

describe('redirect response', () => {
  it('is a 303 with Location and no-store', () => {
    const r = redirectResponse('https://app.example/cb?code=c');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('https://app.example/cb?code=c');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('RFC 6749 §3.1.2 the redirect URI\'s own query is kept as it is', () => {
  it('adds nothing, not even a "?", when every parameter is undefined', () => {
    expect(withQueryParams('https://c.example/cb', [['state', undefined]])).toBe('https://c.example/cb');
  });

  it('adds no second "&" after a query that already ends with one', () => {
    expect(withQueryParams('https://c.example/cb?x=1&', [['code', 'c']])).toBe('https://c.example/cb?x=1&code=c');
    expect(withQueryParams('https://c.example/cb?', [['code', 'c']])).toBe('https://c.example/cb?code=c');
    expect(withQueryParams('https://c.example/cb?x=1', [['code', 'c']])).toBe('https://c.example/cb?x=1&code=c');
  });
});
