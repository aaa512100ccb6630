import { describe, expect, it } from 'vitest';
import {
  formatScope,
  intersect,
  isKnownScope,
  isScopeToken,
  isStandardScope,
  isSubset,
  parseScope,
  SCOPE_MEANINGS,
  SCOPES,
  SUPPORTED_STANDARD_SCOPES,
} from './scopes';

describe('RFC 6749 §3.3 scope-token = 1*( %x21 / %x23-5B / %x5D-7E )', () => {
  // The edges of each range in the ABNF, and the characters it leaves out.
  it.each(['!', '#', '[', ']', '~', 'notes:read', 'https://rs.example/notes.read'])('accepts %j', (s) => {
    expect(isScopeToken(s)).toBe(true);
  });

  it.each([
    ['empty (1* means at least one character)', ''],
    ['%x22 double quote', 'a"b'],
    ['%x5C backslash', 'a\\b'],
    ['%x20 space (the delimiter, never part of a token)', 'a b'],
    ['%x7F DEL', 'a\x7f'],
    ['a non-ASCII letter', 'é'],
    ['a control character at the end', 'read\n'],
    ['a control character at the start', '\tread'],
  ])('refuses %s', (_, s) => {
    expect(isScopeToken(s)).toBe(false);
  });
});

describe('RFC 6749 §3.3 scope: a list of space-delimited, case-sensitive strings, order irrelevant', () => {
  it('reads an omitted scope as no scope', () => {
    expect(parseScope(undefined)).toEqual([]);
    expect(parseScope('')).toEqual([]);
  });

  it('splits on spaces, drops empty parts, keeps one of each and the order they came in', () => {
    expect(parseScope('notes:write  openid notes:write')).toEqual(['notes:write', 'openid']);
  });

  it('is case-sensitive: Openid and openid are two scopes', () => {
    expect(parseScope('Openid openid')).toEqual(['Openid', 'openid']);
  });

  it('refuses the whole string when one token has a character outside the ABNF', () => {
    expect(parseScope('openid no"tes')).toBeNull();
    expect(parseScope('openid notes\\read')).toBeNull();
  });

  it('writes a list back joined by single spaces', () => {
    expect(formatScope(['openid', 'notes:read'])).toBe('openid notes:read');
    expect(formatScope(new Set<string>())).toBe('');
  });

  it('knows the sandbox scopes and nothing else', () => {
    expect(isKnownScope('notes:read')).toBe(true);
    expect(isKnownScope('notes:admin')).toBe(false);
    expect(isKnownScope('NOTES:READ')).toBe(false);
  });

  it('every sandbox scope has a meaning for the consent page', () => {
    for (const s of SCOPES) expect(SCOPE_MEANINGS[s].length).toBeGreaterThan(0);
  });

  it('a granted scope is a subset of the requested one (§3.3: the AS may grant less, never more)', () => {
    expect(isSubset([], ['openid'])).toBe(true);
    expect(isSubset(['openid'], ['openid', 'notes:read'])).toBe(true);
    expect(isSubset(['openid', 'notes:write'], ['openid', 'notes:read'])).toBe(false);
  });

  it('intersects in the order of the first list', () => {
    expect(intersect(['notes:write', 'openid', 'profile'], ['openid', 'notes:write'])).toEqual(['notes:write', 'openid']);
    expect(intersect(['profile'], ['openid'])).toEqual([]);
  });
});

describe('OpenID Connect Core §5.4, §11 standard scopes', () => {
  it('names the six scopes the standard defines, and only own keys (not toString)', () => {
    for (const s of ['openid', 'profile', 'email', 'address', 'phone', 'offline_access']) expect(isStandardScope(s)).toBe(true);
    expect(isStandardScope('notes:read')).toBe(false);
    expect(isStandardScope('toString')).toBe(false);
  });

  it('supports openid, profile and offline_access, not the claims it does not hold', () => {
    expect([...SUPPORTED_STANDARD_SCOPES].sort()).toEqual(['offline_access', 'openid', 'profile']);
  });
});
