import { describe, expect, it } from 'vitest';
import { OAuthError } from './errors';
import { isFormContentType, Params } from './params';

describe('RFC 6749 §3.1 request parameters', () => {
  it('treats a parameter sent without a value as omitted', () => {
    const p = Params.fromForm('state=&scope=notes%3Aread');
    expect(p.get('state')).toBeUndefined();
    expect(p.get('scope')).toBe('notes:read');
  });

  it('rejects a parameter sent more than once with invalid_request', () => {
    const p = Params.fromUrl('http://x/as/authorize?state=a&state=b');
    expect(p.repeated('state')).toBe(true);
    try {
      p.get('state');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OAuthError);
      expect((e as OAuthError).code).toBe('invalid_request');
      expect((e as OAuthError).description).toBe('state must not be included more than once');
      expect((e as OAuthError).status).toBe(400);
    }
  });

  it('require() names the missing parameter', () => {
    expect(() => Params.fromForm('').require('grant_type')).toThrowError('invalid_request: grant_type is required');
  });
});

describe('RFC 6749 §3.2 token endpoint content type', () => {
  it('accepts the form type with or without a charset (oauth4webapi sends ;charset=UTF-8)', () => {
    expect(isFormContentType('application/x-www-form-urlencoded')).toBe(true);
    expect(isFormContentType('application/x-www-form-urlencoded;charset=UTF-8')).toBe(true);
    expect(isFormContentType('application/json')).toBe(false);
    expect(isFormContentType(null)).toBe(false);
  });

  it('refuses two Content-Type headers joined into one value (RFC 9110 §8.3: one media type)', () => {
    expect(isFormContentType('application/x-www-form-urlencoded, application/json')).toBe(false);
    expect(isFormContentType('application/json, application/x-www-form-urlencoded')).toBe(false);
  });
});

describe('RFC 6749 §3.1 Params.rejectRepeats, all and only', () => {
  it('names the first repeated parameter, except those allowed to repeat', () => {
    const p = Params.fromForm('resource=a&resource=b&x=1&scope=s&scope=t');
    expect(() => p.rejectRepeats(['resource'])).toThrow('scope must not be included more than once');
    expect(() => Params.fromForm('resource=a&resource=b&x=1').rejectRepeats(['resource'])).not.toThrow();
    expect(p.all('resource')).toEqual(['a', 'b']);
    expect(p.only(['x', 'resource']).toObject()).toEqual({ x: '1', resource: ['a', 'b'] });
  });
});
