import { describe, expect, it } from 'vitest';
import { bearerChallenge, parseWwwAuthenticate } from './www-authenticate';

describe('RFC 6750 §3 WWW-Authenticate: Bearer challenge, as the client reads it', () => {
  it('§3 reads error and the scope the resource needs from an insufficient_scope challenge', () => {
    expect(bearerChallenge('Bearer error="insufficient_scope", scope="notes:write"')).toEqual({
      error: 'insufficient_scope',
      scope: 'notes:write',
    });
  });

  it('§3 keeps realm, error_description with commas and escaped quotes, and resource_metadata', () => {
    const h =
      'Bearer realm="notes-api", error="invalid_token", error_description="token expired, \\"exp\\" has passed", resource_metadata="http://x/.well-known/oauth-protected-resource/rs"';
    expect(bearerChallenge(h)).toEqual({
      realm: 'notes-api',
      error: 'invalid_token',
      error_description: 'token expired, "exp" has passed',
      resource_metadata: 'http://x/.well-known/oauth-protected-resource/rs',
    });
  });

  it('RFC 9110 §11.1 treats the scheme and attribute names case-insensitively and accepts unquoted tokens', () => {
    expect(bearerChallenge('bearer ERROR=invalid_token')).toEqual({ error: 'invalid_token' });
  });

  it('RFC 9110 §11.6.1 finds the Bearer challenge among several', () => {
    const all = parseWwwAuthenticate('Basic realm="as", Bearer realm="rs", error="invalid_token"');
    expect(all.map((c) => c.scheme)).toEqual(['basic', 'bearer']);
    expect(all[1]!.params).toEqual({ realm: 'rs', error: 'invalid_token' });
  });

  it('§3.1 a challenge with no error (no credentials sent) has no error attribute', () => {
    expect(bearerChallenge('Bearer realm="notes-api"')).toEqual({ realm: 'notes-api' });
  });

  it('gives nothing for a missing header or a header with no Bearer challenge', () => {
    expect(bearerChallenge(null)).toBeUndefined();
    expect(bearerChallenge('Basic realm="as"')).toBeUndefined();
    expect(parseWwwAuthenticate('')).toEqual([]);
  });
});
