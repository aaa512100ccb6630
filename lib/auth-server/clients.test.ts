import { describe, expect, it } from 'vitest';
import { insertRegisteredClient } from '@/lib/store/registered-clients';
import type { ClientIdDocuments } from './client-id-document';
import type { ClientMetadata } from './client-metadata';
import { CLIENTS, clientRegistry, isConfidential, redirectUrisFor, type RegisteredClient } from './clients';
import { T0, TEST_RUN, testDeps } from './test-support';

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

describe('RFC 6749 §2 the registry: demo clients, client ID metadata documents, clients registered in a run (RFC 7591)', () => {
  const metadata: ClientMetadata = {
    redirect_uris: ['https://app.example/cb', 'http://127.0.0.1/cb'],
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: 'openid notes:read',
    application_type: 'web',
  };

  it('a client registered in a run is handed over with its one auth method, its metadata and when it was issued; without a name it is called by its client_id', () => {
    const t = testDeps();
    insertRegisteredClient(t.db, { clientId: 'reg_abc', runId: TEST_RUN, clientSecretHash: 'hash-of-secret', metadata: JSON.stringify(metadata), issuedAt: T0 });
    expect(clientRegistry(CLIENTS, t.db).find('reg_abc')).toEqual({
      client_id: 'reg_abc',
      client_name: 'reg_abc',
      client_secret_hash: 'hash-of-secret',
      token_endpoint_auth_methods: ['client_secret_post'],
      grant_types: ['authorization_code', 'refresh_token'],
      redirect_uris: ['https://app.example/cb', 'http://127.0.0.1/cb'],
      loopback_any_port: true,
      scopes: ['openid', 'notes:read'],
      description: 'Registered in this run at the registration endpoint (RFC 7591).',
      run_id: TEST_RUN,
      registration: { metadata, client_id_issued_at: T0 },
    });
  });

  it('a public registered client has no secret hash; a named one keeps its name', () => {
    const t = testDeps();
    const pub = { ...metadata, token_endpoint_auth_method: 'none' as const, client_name: 'Public App', redirect_uris: ['https://app.example/cb'] };
    insertRegisteredClient(t.db, { clientId: 'reg_pub', runId: TEST_RUN, clientSecretHash: null, metadata: JSON.stringify(pub), issuedAt: T0 });
    const c = clientRegistry(CLIENTS, t.db).find('reg_pub')!;
    expect(c.client_name).toBe('Public App');
    expect(c).not.toHaveProperty('client_secret_hash');
    expect(c.loopback_any_port).toBe(false);
    expect(isConfidential(c)).toBe(false);
  });

  it('a client ID metadata document client is found through the documents view, and the registry says why a URL is unknown', () => {
    const docClient: RegisteredClient = { ...web(['https://doc.example/cb']), client_id: 'https://doc.example/c.json', token_endpoint_auth_methods: ['none'], client_secret: undefined };
    const documents: ClientIdDocuments = {
      find: (id) => (id === docClient.client_id ? docClient : undefined),
      whyUnknown: (id) => (id === 'https://bad.example/c.json' ? 'refused: it is not JSON' : undefined),
    };
    const registry = clientRegistry(CLIENTS, undefined, documents);
    expect(registry.find('https://doc.example/c.json')).toBe(docClient);
    expect(registry.find('https://bad.example/c.json')).toBeUndefined();
    expect(registry.whyUnknown?.('https://bad.example/c.json')).toBe('refused: it is not JSON');
    // A demo client is the demo client even if a document claimed its id.
    expect(clientRegistry(CLIENTS, undefined, { find: () => docClient, whyUnknown: () => undefined }).find('cli')?.client_name).toBe('Command-line client');
    expect(clientRegistry(CLIENTS).whyUnknown?.('https://bad.example/c.json')).toBeUndefined();
  });

  it('RFC 6749 §2.1 a client is confidential when it has a secret: a demo secret or a registered hash; cli is public', () => {
    expect(isConfidential(CLIENTS.find((c) => c.client_id === 'notes-assistant')!)).toBe(true);
    expect(isConfidential(CLIENTS.find((c) => c.client_id === 'cli')!)).toBe(false);
    expect(isConfidential({ ...web([]), client_secret: undefined, client_secret_hash: 'h' })).toBe(true);
    expect(isConfidential({ ...web([]), client_secret: undefined })).toBe(false);
  });

  it('{origin} in a redirect URI is the sandbox origin it is served on', () => {
    expect(redirectUrisFor(CLIENTS[0]!, 'https://sandbox.example')).toEqual(['https://sandbox.example/api/auth/callback/sandbox']);
  });
});
