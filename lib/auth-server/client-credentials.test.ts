import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { TEST_RUN, testDeps } from './test-support';
import { basicAuth, rejection, tokenRequest } from './token-test-support';

const reporting = basicAuth('reporting-service', 'reporting-service-secret');

describe('RFC 6749 §4.4 client credentials', () => {
  it('issues a token with no user (sub = client_id), the client scopes by default, and no refresh token', async () => {
    const t = testDeps();
    const { body } = await tokenRequest(t.deps, { grant_type: 'client_credentials' }, reporting);
    expect(decodeJwt(body.access_token).sandbox_run).toBe(TEST_RUN);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'notes:read', expires_in: 300 });
    expect(body).not.toHaveProperty('refresh_token');
    expect(body).not.toHaveProperty('id_token');
    expect(decodeJwt(body.access_token)).toMatchObject({ sub: 'reporting-service', client_id: 'reporting-service', aud: 'http://localhost:3000/rs' });
    expect(t.recorder.events.map((e) => e.type)).toEqual(['client_authentication.succeeded', 'token.issued']);
  });

  it('answers invalid_scope for a scope the client is not registered for', async () => {
    const t = testDeps();
    expect(await rejection(tokenRequest(t.deps, { grant_type: 'client_credentials', scope: 'notes:write' }, reporting))).toEqual([
      'invalid_scope',
      'reporting-service may ask only for: notes:read',
      400,
    ]);
  });

  it('§5.2 says so in a whole sentence when the run leaves the client no scope at all', async () => {
    const t = testDeps();
    // A run whose notes:read names only the two user-facing clients (the README's own example once did this).
    const scopes = { 'notes:read': { meaning: 'Read your notes', clients: ['notes-assistant', 'cli'] } };
    const deps = { ...t.deps, openRun: (runId: string) => ({ ...t.deps.openRun(runId), scopes }) };
    expect(await rejection(tokenRequest(deps, { grant_type: 'client_credentials', scope: 'notes:read' }, reporting))).toEqual([
      'invalid_scope',
      'reporting-service may ask for no scope in this run',
      400,
    ]);
  });
});

describe('RFC 6749 §5.2 token errors', () => {
  it('T3 answers invalid_request when grant_type is missing', async () => {
    const t = testDeps();
    expect(await rejection(tokenRequest(t.deps, { client_id: 'cli' }))).toEqual(['invalid_request', 'grant_type is required', 400]);
  });

  it.each(['password', 'implicit', 'foo'])('T4 answers unsupported_grant_type for grant_type=%s', async (g) => {
    const t = testDeps();
    expect(await rejection(tokenRequest(t.deps, { grant_type: g, client_id: 'cli', username: 'alice', password: 'x' }))).toEqual([
      'unsupported_grant_type',
      `grant_type ${g} is not supported`,
      400,
    ]);
  });

  it('T5 answers unauthorized_client for a grant type the client is not registered for', async () => {
    const t = testDeps();
    expect(await rejection(tokenRequest(t.deps, { grant_type: 'client_credentials', client_id: 'cli' }))).toEqual([
      'unauthorized_client',
      'cli is not registered for the client_credentials grant',
      400,
    ]);
    expect(await rejection(tokenRequest(t.deps, { grant_type: 'authorization_code', code: 'x' }, reporting))).toEqual([
      'unauthorized_client',
      'reporting-service is not registered for the authorization_code grant',
      400,
    ]);
  });

  it('records token_request.rejected with the error', async () => {
    const t = testDeps();
    await rejection(tokenRequest(t.deps, { grant_type: 'foo', client_id: 'cli' }));
    const rejected = t.recorder.events.find((e) => e.type === 'token_request.rejected');
    expect(rejected).toMatchObject({ outcome: 'denied', data: { error: 'unsupported_grant_type' } });
  });
});

describe('mutation testing (npm run mutation): client credentials scope syntax and the timeline', () => {
  // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ): no double quote, no backslash.
  it('RFC 6749 §3.3 answers invalid_scope (400) for a scope with a double quote', async () => {
    const t = testDeps();
    const [code, , status] = await rejection(tokenRequest(t.deps, { grant_type: 'client_credentials', scope: 'notes:read "x"' }, reporting));
    expect([code, status]).toEqual(['invalid_scope', 400]);
  });

  it('records the token issued from the client to the authorization server, with the grant, client and scope', async () => {
    const t = testDeps();
    await tokenRequest(t.deps, { grant_type: 'client_credentials' }, reporting);
    expect(t.recorder.events.at(-1)).toMatchObject({
      from: 'client',
      to: 'auth-server',
      type: 'token.issued',
      outcome: 'ok',
      data: { grant_type: 'client_credentials', client_id: 'reporting-service', scope: 'notes:read' },
    });
  });
});

describe('mutation testing (npm run mutation): the scope asked for, and whose run the token joins', () => {
  // RFC 6749 §3.3 / §4.4.2: the client may ask for less than it may have; the token then carries
  // exactly what was asked (and §5.1 says so in `scope`).
  it('RFC 6749 §4.4.2 a client asking for part of its scopes gets exactly that part', async () => {
    const t = testDeps();
    const scopes = {
      'notes:read': { meaning: 'Read your notes', clients: ['reporting-service'] },
      'notes:write': { meaning: 'Write your notes', clients: ['reporting-service'] },
    };
    const deps = { ...t.deps, openRun: (runId: string) => ({ ...t.deps.openRun(runId), scopes }) };
    const { body } = await tokenRequest(deps, { grant_type: 'client_credentials', scope: 'notes:write' }, reporting);
    expect(body.scope).toBe('notes:write');
    expect(decodeJwt(body.access_token).scope).toBe('notes:write');
    // Without scope, every scope the run gives the client (§3.3: the AS's documented default).
    const all = (await tokenRequest(deps, { grant_type: 'client_credentials' }, reporting)).body;
    expect(all.scope.split(' ').sort()).toEqual(['notes:read', 'notes:write']);
  });

  // lib/timeline/recorder.ts: no code or token of a run was found here, the run is only the one the
  // request named, so the recorder is told it took the request's word for it (basis 'request').
  it("tells the recorder the token's run is the one the request named (basis request)", async () => {
    const t = testDeps();
    const calls: [string, string | undefined][] = [];
    const recorder = { ...t.recorder, useRun: (runId: string, basis?: 'request') => void calls.push([runId, basis]) };
    await tokenRequest({ ...t.deps, recorder }, { grant_type: 'client_credentials' }, reporting);
    expect(calls).toEqual([[TEST_RUN, 'request']]);
  });
});
