import { describe, expect, it } from 'vitest';
import { Params } from '@/lib/oauth/params';
import { authenticateClient } from './client-authentication';
import { exchangeAuthorizationCode } from './exchange-authorization-code';
import { refresh } from './refresh';
import { testDeps } from './test-support';

// The brand is checked by tsc (node scripts/test.mjs unit runs it over test files):
// each `@ts-expect-error` below fails the type check the day a grant accepts a
// client that authenticateClient did not return.
describe('a grant takes only an authenticated client (branded AuthenticatedClient)', () => {
  it('a RegisteredClient from the registry does not type-check as a grant input; authenticateClient’s client does', () => {
    const t = testDeps();
    const registered = t.deps.clients.find('cli')!;
    const form = Params.fromForm('code=abc');
    const unauthenticatedCalls = () => [
      // @ts-expect-error a client nobody authenticated is not an AuthenticatedClient
      exchangeAuthorizationCode({ client: registered, form }, t.deps),
      // @ts-expect-error a hand-made client literal is not one either
      refresh({ client: { ...registered }, form }, t.deps),
    ];
    expect(typeof unauthenticatedCalls).toBe('function');

    const { client, method } = authenticateClient(
      { authorization: null, form: Params.fromForm('client_id=cli'), query: new URLSearchParams() },
      t.deps,
    );
    // The authenticated client is the registered one, unchanged at run time; the brand is a type only.
    expect(client).toEqual(registered);
    expect(method).toBe('none');
    const authenticatedCall = () => exchangeAuthorizationCode({ client, form }, t.deps);
    expect(typeof authenticatedCall).toBe('function');
  });
});
