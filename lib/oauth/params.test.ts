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

describe('RFC 6749 §3.1 Params.repeated, require, has and names', () => {
  it('§3.1 knows a parameter sent more than once from one sent once or not at all', () => {
    const p = Params.fromForm('scope=a&scope=b&state=s');
    expect(p.repeated('scope')).toBe(true);
    expect(p.repeated('state')).toBe(false);
    expect(p.repeated('nonce')).toBe(false);
  });

  it('require answers the value when it is there, invalid_request when it is not', () => {
    const p = Params.fromForm('grant_type=authorization_code');
    expect(p.require('grant_type')).toBe('authorization_code');
    expect(() => p.require('code')).toThrow('code is required');
  });

  it('§3.1 a parameter sent without a value is as if omitted: has() is false and names() leaves it out', () => {
    const p = Params.fromForm('state=&scope=openid');
    expect(p.has('state')).toBe(false);
    expect(p.has('scope')).toBe(true);
    expect(p.names()).toEqual(['scope']);
  });

  it('rejectRepeats with no exceptions refuses any repeat, and all() of an absent name is empty', () => {
    expect(() => Params.fromForm('resource=a&resource=b').rejectRepeats()).toThrow('resource must not be included more than once');
    expect(Params.fromForm('x=1').all('resource')).toEqual([]);
    expect(Params.fromForm('x=1').only(['resource']).toObject()).toEqual({});
  });

  it('RFC 9110 §5.6.6 optional whitespace around the media type before ";" parameters', () => {
    expect(isFormContentType('application/x-www-form-urlencoded ; charset=UTF-8')).toBe(true);
  });
});
