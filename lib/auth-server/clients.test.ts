import { describe, expect, it } from 'vitest';
import { CLIENTS, clientRegistry, type RegisteredClient } from './clients';

const web = (redirect_uris: string[]): RegisteredClient => ({
  client_id: 'c1',
  client_name: 'Client One',
  client_secret: 's1',
  token_endpoint_auth_methods: ['client_secret_basic'],
  grant_types: ['authorization_code'],
  redirect_uris,
  scopes: ['notes:read'],
  description: 'test',
});

describe('RFC 9700 §2.6 client registration (A14)', () => {
  it('A14 refuses to register http://app.example/cb (http, not a loopback IP literal)', () => {
    expect(() => clientRegistry([web(['https://app.example/cb', 'http://app.example/cb'])])).toThrowError(
      'client c1: redirect URI http://app.example/cb cannot be registered: http is allowed only for the loopback IP literals 127.0.0.1 and [::1] of native apps (RFC 9700 section 2.6, RFC 8252 section 7.3)',
    );
  });
  it('RFC 6749 §3.1.2 refuses a redirect URI with a fragment', () => {
    expect(() => clientRegistry([web(['https://app.example/cb#frag'])])).toThrowError(/must not contain a fragment/);
  });
  it('registers the demo clients: {origin} (the sandbox itself), loopback IP literals for cli', () => {
    const registry = clientRegistry(CLIENTS);
    expect(registry.find('notes-assistant')?.redirect_uris).toEqual(['{origin}/api/auth/callback/sandbox']);
    expect(registry.find('cli')?.redirect_uris).toEqual(['http://127.0.0.1/callback', 'http://[::1]/callback']);
    expect(clientRegistry([web(['https://app.example/cb'])]).find('c1')).toBeDefined();
  });
});
