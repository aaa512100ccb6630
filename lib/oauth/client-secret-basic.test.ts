import { describe, expect, it } from 'vitest';
import { basicAuthorization } from './client-secret-basic';

describe('RFC 6749 client_secret_basic', () => {
  it('§2.3.1 form-urlencodes id and secret before joining and base64-encoding them', () => {
    const header = basicAuthorization('my client', 'p:ss+word');
    expect(header).toBe(`Basic ${Buffer.from('my+client:p%3Ass%2Bword').toString('base64')}`);
  });
});
