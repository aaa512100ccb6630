import { describe, expect, it } from 'vitest';
import { serverError } from '@/lib/oauth/errors';
import type { AuthServerDeps } from './deps';
import { testDeps } from './test-support';
import { basicAuth, rejection, tokenRequest } from './token-test-support';

const reporting = basicAuth('reporting-service', 'reporting-service-secret');

describe('mutation testing (npm run mutation): what the timeline hears of a refused token request', () => {
  // RFC 6749 §5.2: an error the client caused (invalid_grant here) is the AS refusing the client: denied.
  it('RFC 6749 §5.2 a refused request records token_request.rejected from the client to the AS, denied, with the error', async () => {
    const t = testDeps();
    expect((await rejection(tokenRequest(t.deps, { grant_type: 'refresh_token', client_id: 'cli', refresh_token: 'no-such-token' })))[0]).toBe('invalid_grant');
    expect(t.recorder.events.at(-1)).toMatchObject({
      type: 'token_request.rejected',
      from: 'client',
      to: 'auth-server',
      outcome: 'denied',
      data: { error: 'invalid_grant', error_description: 'unknown refresh token' },
    });
  });

  // RFC 6749 §5.2 / RFC 6749 §4.1.2.1: server_error is the AS failing, not the client being refused:
  // the timeline shows it as an error.
  it('RFC 6749 §4.1.2.1 a server_error is recorded as an error, not a denial', async () => {
    const t = testDeps();
    const failing: AuthServerDeps = {
      ...t.deps,
      openRun: () => {
        throw serverError(new Error('the store is unavailable'));
      },
    };
    expect(await rejection(tokenRequest(failing, { grant_type: 'client_credentials' }, reporting))).toEqual([
      'server_error',
      'the server met an unexpected condition',
      500,
    ]);
    expect(t.recorder.events.at(-1)).toMatchObject({ type: 'token_request.rejected', outcome: 'error', data: { error: 'server_error' } });
  });

  // Only OAuth errors are answers the endpoint gives; anything else is a fault the route turns into
  // server_error (lib/http), and the endpoint does not pass it off as the client's refusal.
  it('a fault that is not an OAuth error goes up unchanged and is not recorded as a refused request', async () => {
    const t = testDeps();
    const fault = new Error('the store is unavailable');
    const failing: AuthServerDeps = {
      ...t.deps,
      openRun: () => {
        throw fault;
      },
    };
    await expect(tokenRequest(failing, { grant_type: 'client_credentials' }, reporting)).rejects.toBe(fault);
    expect(t.recorder.events.map((e) => e.type)).toEqual(['client_authentication.succeeded']);
  });
});
