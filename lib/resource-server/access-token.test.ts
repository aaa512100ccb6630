import { describe, expect, it } from 'vitest';
import { audienceList, failed, looksLikeJwt, passed, scopeList } from './access-token';

describe('RFC 6749 §3.3 scope of a verified token, as the resource server reads it', () => {
  it('splits on spaces, drops empty parts and repeats', () => {
    expect(scopeList('notes:read  openid notes:read')).toEqual(['notes:read', 'openid']);
  });

  it('anything but a string (RFC 9068 §2.2.3: scope is a string) is no scope', () => {
    expect(scopeList(['notes:read'])).toEqual([]);
    expect(scopeList(undefined)).toEqual([]);
    expect(scopeList('')).toEqual([]);
  });
});

describe('RFC 7519 §4.1.3 aud: one string or an array of strings', () => {
  it('reads a single string as a one-element list', () => {
    expect(audienceList('https://rs.example')).toEqual(['https://rs.example']);
  });

  it('keeps the strings of an array and drops anything else', () => {
    expect(audienceList(['https://a', 7, null, 'https://b'])).toEqual(['https://a', 'https://b']);
  });

  it('anything else is no audience', () => {
    expect(audienceList(undefined)).toEqual([]);
    expect(audienceList({ aud: 'https://a' })).toEqual([]);
  });
});

describe('RFC 7515 §7.1 compact serialization: only a JWT candidate is verified locally', () => {
  it.each(['eyJh.eyJz.c2ln', 'a-_.b.', 'a..'])('%j has three base64url parts: a JWT candidate', (t) => {
    expect(looksLikeJwt(t)).toBe(true);
  });

  it.each(['opaque-token', 'a.b', 'a.b.c.d', '.b.c', 'a.b+.c', 'a.b.c=', ' a.b.c', 'a.b.c '])('%j is not: it is introspected', (t) => {
    expect(looksLikeJwt(t)).toBe(false);
  });
});

describe('checks on the timeline', () => {
  it('a check says its name, whether it passed, and why', () => {
    expect(passed('aud', 'why')).toEqual({ name: 'aud', passed: true, reason: 'why' });
    expect(failed('exp', 'why')).toEqual({ name: 'exp', passed: false, reason: 'why' });
  });
});
