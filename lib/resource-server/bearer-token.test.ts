import { describe, expect, it } from 'vitest';
import { isOAuthError } from '@/lib/oauth/errors';
import { extractBearerToken, type BearerSources } from './bearer-token';

const src = (authorization: string | null, query = '', form?: string): BearerSources => ({
  authorization,
  query: new URLSearchParams(query),
  ...(form !== undefined ? { form: new URLSearchParams(form) } : {}),
});

function invalidRequest(s: BearerSources, description: RegExp) {
  try {
    extractBearerToken(s);
  } catch (e) {
    expect(isOAuthError(e)).toBe(true);
    if (!isOAuthError(e)) return;
    expect(e.code).toBe('invalid_request');
    expect(e.status).toBe(400);
    expect(e.description).toMatch(description);
    return;
  }
  throw new Error('expected invalid_request');
}

describe('RFC 6750 §2 bearer token extraction', () => {
  it('§2.1 takes the token from the Authorization header', () => {
    expect(extractBearerToken(src('Bearer abc.DEF-ghi_~+/=='))).toEqual({ token: 'abc.DEF-ghi_~+/==', where: 'header' });
  });

  it('§2.1 reads the scheme case-insensitively', () => {
    expect(extractBearerToken(src('bearer tok'))).toEqual({ token: 'tok', where: 'header' });
  });

  it('§3 no Authorization header is "no token" (answered without an error code)', () => {
    expect(extractBearerToken(src(null))).toEqual({ token: null, reason: 'the request has no Authorization header' });
  });

  it('§3 another scheme (Basic) is "no token", not an error', () => {
    expect(extractBearerToken(src('Basic YTpi'))).toEqual({ token: null, reason: 'the Authorization header uses the Basic scheme, not Bearer' });
  });

  it.each(['Bearer', 'Bearer ', 'Bearer a b', 'Bearer "quoted"'])('§3.1 refuses the malformed header %j with invalid_request', (h) => {
    invalidRequest(src(h), /the Authorization header must be Bearer, a space and one token/);
  });

  // Two Authorization headers reach the app joined into one value by joinDuplicateHeaders (RFC 9110 §5.3).
  it.each(['Bearer abc, Bearer abc', 'Bearer abc, garbage', 'Basic YTpi, Bearer abc', 'Bearer abc, Basic YTpi', 'Bearer a,b', 'Bearer abc, '])(
    '§3.1 refuses two Authorization headers, joined as %j, with invalid_request',
    (h) => {
      invalidRequest(src(h), /^the request has more than one Authorization header \(or a list of credentials\); send exactly one: Bearer and the token$/);
    },
  );

  it('§3 one header of another scheme whose auth-params hold commas is still "no token"', () => {
    expect(extractBearerToken(src('Digest username="a", realm="r"'))).toEqual({ token: null, reason: 'the Authorization header uses the Digest scheme, not Bearer' });
  });

  it('§2.3 refuses a token in the query string', () => {
    invalidRequest(src(null, 'access_token=tok'), /an access token in the query string is not accepted/);
  });

  it('§2.2 refuses a token in a form body (this API takes the header only)', () => {
    invalidRequest(src(null, '', 'access_token=tok'), /an access token in the form body is not accepted/);
  });

  it('§3.1 refuses a token in two places', () => {
    invalidRequest(src('Bearer tok', 'access_token=tok'), /more than one place \(the Authorization header, the query string\)/);
  });
});

describe('RFC 6750 §2.1 b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="', () => {
  it('§2.1 credentials = "Bearer" 1*SP b64token: several spaces, and any case of the scheme', () => {
    expect(extractBearerToken(src('BEARER   tok'))).toEqual({ token: 'tok', where: 'header' });
  });

  it('RFC 9110 §5.5 whitespace around the field value is not part of it', () => {
    expect(extractBearerToken(src('  Bearer tok  '))).toEqual({ token: 'tok', where: 'header' });
  });

  it.each(['Bearer ab=c', 'Bearer tok!', 'Bearer =abc', 'Bearer tok\tx'])('§2.1 "=" only at the end and nothing outside the alphabet: %j is invalid_request', (h) => {
    invalidRequest(src(h), /the Authorization header must be Bearer, a space and one token/);
  });

  it('§3 a scheme that only starts with "Bearer" is another scheme: no token', () => {
    expect(extractBearerToken(src('Bearerx tok')).token).toBeNull();
  });

  it('§3.1 refuses a token in the header and the form body together, naming both places', () => {
    invalidRequest(src('Bearer tok', '', 'access_token=tok'), /more than one place \(the Authorization header, the form body\)/);
  });

  it('§2.2 a form body without access_token leaves the header token alone', () => {
    expect(extractBearerToken(src('Bearer tok', 'x=1', 'note=hello'))).toEqual({ token: 'tok', where: 'header' });
  });
});
