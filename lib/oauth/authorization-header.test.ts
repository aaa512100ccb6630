import { describe, expect, it } from 'vitest';
import { isCredentialsList } from './authorization-header';

describe('RFC 9110 §11.6.2 / §5.3 an Authorization header holds one credentials', () => {
  it.each([
    'Bearer abc, Bearer abc',
    'Bearer abc, garbage',
    'Basic Zm9vOmJhcg==, Bearer abc',
    'Bearer abc=, Bearer abc',
    'Digest username="a", realm="b", Bearer abc',
    'Bearer abc, ',
  ])('§5.3 %j is two headers joined by a comma: a list of credentials', (value) => {
    expect(isCredentialsList(value)).toBe(true);
  });

  it.each(['Bearer abc', 'Basic Zm9vOmJhcg==', 'Digest username="a, b", realm="r", nonce="n"', 'Bearer', ''])(
    '§11.6.2 %j is one credentials (auth-params and quoted commas included)',
    (value) => {
      expect(isCredentialsList(value)).toBe(false);
    },
  );
});

describe('RFC 9110 §11.6.2 auth-params after a comma, and quoted-pairs', () => {
  it('§5.6.4 a backslash-escaped quote does not end a quoted-string, so the comma after it is inside', () => {
    expect(isCredentialsList('Digest realm="a\\",b", nonce="n"')).toBe(false);
  });

  it('§5.6.4 a quoted-pair in a later auth-param keeps that auth-param whole', () => {
    expect(isCredentialsList('Digest nonce="n", realm="a\\",b", qop=auth')).toBe(false);
  });

  it('§11.2 auth-param = token BWS "=" BWS value: whitespace before "=" is still one credentials', () => {
    expect(isCredentialsList('Digest realm="r", nonce ="n"')).toBe(false);
  });

  it('§11.6.2 a second scheme whose token68 contains "=" after the comma starts a second credentials', () => {
    expect(isCredentialsList('Bearer abc, Basic realm=x')).toBe(true);
  });
});
