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
