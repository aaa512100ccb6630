import { describe, expect, it } from 'vitest';
import { OAuthError } from '@/lib/oauth/errors';
import { Params } from '@/lib/oauth/params';
import { deleteRun } from '@/lib/store/runs';
import { findRegisteredClient } from '@/lib/store/registered-clients';
import { validateAuthorizationRequest } from './authorization-request';
import { authenticateClient } from './client-authentication';
import { registerClient } from './client-registration';
import { T0, TEST_RUN, testDeps } from './test-support';
import { tokenHash } from './token-hash';
import type { ScopeDefinitions } from './scope-definitions';

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('RFC 7591 §3 client registration', () => {
  it('§3.2.1 issues a client_id, a secret that never expires, and the metadata as registered; records client.registered', () => {
    const t = testDeps();
    const info = registerClient({ body: { redirect_uris: ['https://app.example/cb'], client_name: 'App' }, runId: TEST_RUN }, t.deps);
    expect(info).toMatchObject({ client_id_issued_at: T0, client_secret_expires_at: 0, token_endpoint_auth_method: 'client_secret_basic', client_name: 'App' });
    expect(info.client_id).toMatch(/^reg_/);
    // Kept hashed, like codes and tokens.
    const row = findRegisteredClient(t.db, info.client_id)!;
    expect(row.clientSecretHash).toBe(tokenHash(info.client_secret!));
    expect(row.metadata).not.toContain(info.client_secret!);
    expect(t.recorder.events.map((e) => e.type)).toEqual(['client.registered']);
    expect(t.recorder.runId).toBe(TEST_RUN);
  });

  it('a public client gets no secret and no client_secret_expires_at', () => {
    const t = testDeps();
    const info = registerClient({ body: { redirect_uris: ['http://127.0.0.1/cb'], token_endpoint_auth_method: 'none' }, runId: TEST_RUN }, t.deps);
    expect(info.client_secret).toBeUndefined();
    expect('client_secret_expires_at' in info).toBe(false);
  });

  it('§3.2.2 a refusal throws the OAuthError and records client_registration.rejected', () => {
    const t = testDeps();
    expect(() => registerClient({ body: { redirect_uris: ['http://app.example/cb'] }, runId: TEST_RUN }, t.deps)).toThrow(OAuthError);
    expect(t.recorder.events.map((e) => e.type)).toEqual(['client_registration.rejected']);
    expect(t.recorder.events[0]!.data).toMatchObject({ error: 'invalid_redirect_uri' });
  });

  it('the registry finds the client: it authenticates with its secret, with its one method only', () => {
    const t = testDeps();
    const info = registerClient({ body: { redirect_uris: ['https://app.example/cb'] }, runId: TEST_RUN }, t.deps);
    const auth = (authorization: string | null, body: string) =>
      authenticateClient({ authorization, form: Params.fromForm(body), query: new URLSearchParams() }, t.deps);
    expect(auth(basic(info.client_id, info.client_secret!), '').client.run_id).toBe(TEST_RUN);
    expect(() => auth(basic(info.client_id, 'wrong'), '')).toThrow(/client authentication failed/);
    expect(() => auth(null, `client_id=${info.client_id}&client_secret=${info.client_secret}`)).toThrow(/not registered for client_secret_post/);
  });

  it('an authorization request for a client registered in another run is a page, never a redirect; the run deleted, the client is gone', () => {
    const t = testDeps();
    const info = registerClient({ body: { redirect_uris: ['https://app.example/cb'] }, runId: TEST_RUN }, t.deps);
    const params = new Params(
      new URLSearchParams({ response_type: 'code', client_id: info.client_id, redirect_uri: 'https://app.example/cb', scope: 'notes:read', code_challenge: CHALLENGE, code_challenge_method: 'S256' }),
    );
    expect(validateAuthorizationRequest(params, t.deps, undefined, TEST_RUN).ok).toBe(true);
    const elsewhere = validateAuthorizationRequest(params, t.deps, undefined, 'another-run-aaaaaaaaaaaaaa');
    expect(elsewhere.ok).toBe(false);
    if (!elsewhere.ok) expect(elsewhere.redirect).toBeUndefined();
    if (!elsewhere.ok) expect(elsewhere.error.description).toBe(`client_id ${info.client_id} is not registered in this run`);
    deleteRun(t.db, TEST_RUN);
    expect(t.deps.clients.find(info.client_id)).toBeUndefined();
  });
});

describe("RFC 7591 §2 scope: the run's own scopes (issue 15)", () => {
  /** Deps whose run defines `defs` instead of the default notes:read and notes:write. */
  function runWithScopes(defs: ScopeDefinitions) {
    const t = testDeps();
    const openRun = t.deps.openRun;
    return { ...t, deps: { ...t.deps, openRun: (id: string) => ({ ...openRun(id), scopes: defs }) } };
  }
  const purge: ScopeDefinitions = { 'notes:purge': { meaning: 'Delete notes for good', clients: ['cli'] } };
  const cb = { redirect_uris: ['https://app.example/cb'] };

  it('a scope this run defines (notes:purge) can be registered', () => {
    const t = runWithScopes(purge);
    const info = registerClient({ body: { ...cb, scope: 'openid notes:purge' }, runId: TEST_RUN }, t.deps);
    expect(info.scope).toBe('openid notes:purge');
    expect(t.deps.clients.find(info.client_id)?.scopes).toEqual(['openid', 'notes:purge']);
  });

  it('a default scope this run no longer defines (notes:write) is refused: invalid_client_metadata, status 400, nothing stored', () => {
    const t = runWithScopes(purge);
    let error: unknown;
    try {
      registerClient({ body: { ...cb, scope: 'notes:write' }, runId: TEST_RUN }, t.deps);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).code).toBe('invalid_client_metadata');
    expect((error as OAuthError).status).toBe(400);
    expect((error as OAuthError).description).toContain('notes:write');
    expect(t.recorder.events.map((e) => [e.type, e.data])).toEqual([['client_registration.rejected', { error: 'invalid_client_metadata', error_description: (error as OAuthError).description }]]);
    expect(t.db.prepare('SELECT count(*) AS n FROM as_registered_clients').get()).toEqual({ n: 0 });
  });

  it('§2 without a scope, the client is registered for every scope the run offers: the standard ones, then its own', () => {
    const t = runWithScopes(purge);
    const info = registerClient({ body: cb, runId: TEST_RUN }, t.deps);
    expect(info.scope).toBe('openid profile offline_access notes:purge');
  });
});

describe('RFC 7591 §3 registration on the timeline', () => {
  it('client.registered: the client to the authorization server, ok, with the client_id and the metadata as registered (never the secret)', () => {
    const t = testDeps();
    const info = registerClient({ body: { redirect_uris: ['https://app.example/cb'], client_name: 'App', scope: 'openid notes:read' }, runId: TEST_RUN }, t.deps);
    expect(t.recorder.events).toEqual([
      {
        from: 'client',
        to: 'auth-server',
        type: 'client.registered',
        summary: expect.any(String),
        outcome: 'ok',
        data: {
          client_id: info.client_id,
          redirect_uris: ['https://app.example/cb'],
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['authorization_code'],
          response_types: ['code'],
          client_name: 'App',
          scope: 'openid notes:read',
          application_type: 'web',
        },
      },
    ]);
    expect(JSON.stringify(t.recorder.events)).not.toContain(info.client_secret!);
  });

  it('§3.2.2 client_registration.rejected: the client to the authorization server, denied, with the error and its description', () => {
    const t = testDeps();
    expect(() => registerClient({ body: { redirect_uris: ['https://app.example/cb'], grant_types: ['password'] }, runId: TEST_RUN }, t.deps)).toThrow(OAuthError);
    expect(t.recorder.events).toEqual([
      {
        from: 'client',
        to: 'auth-server',
        type: 'client_registration.rejected',
        summary: expect.any(String),
        outcome: 'denied',
        data: { error: 'invalid_client_metadata', error_description: expect.stringContaining("grant_type 'password' is not supported") },
      },
    ]);
  });

  it('a body that is not an object is refused before anything is stored (invalid_client_metadata)', () => {
    const t = testDeps();
    for (const body of [null, 'https://app.example/cb', 42]) expect(() => registerClient({ body, runId: TEST_RUN }, t.deps)).toThrow(expect.objectContaining({ code: 'invalid_client_metadata', status: 400 }));
    expect(t.db.prepare('SELECT count(*) AS n FROM as_registered_clients').get()).toEqual({ n: 0 });
  });
});
