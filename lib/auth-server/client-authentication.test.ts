import { describe, expect, it } from 'vitest';
import { OAuthError } from '@/lib/oauth/errors';
import { jsonErrorResponse } from '@/lib/oauth/error-responses';
import { Params } from '@/lib/oauth/params';
import { collectingRecorder } from '@/lib/timeline/recorder';
import { CLIENTS, clientRegistry, type RegisteredClient } from './clients';
import { authenticateClient, parseBasicCredentials, secretsEqual } from './client-authentication';

const oddClient: RegisteredClient = {
  client_id: 'my-client',
  client_name: 'odd',
  client_secret: 'a+b%c d:e',
  token_endpoint_auth_methods: ['client_secret_basic'],
  grant_types: ['client_credentials'],
  redirect_uris: [],
  scopes: [],
  description: '',
};

function deps() {
  return { recorder: collectingRecorder(), clients: clientRegistry([...CLIENTS, oddClient]) };
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
/** oauth4webapi's formUrlEncode: encodeURIComponent, then %20 → +, and -_.!~*'() escaped too. */
const formUrlEncode = (s: string) =>
  encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function auth(input: { authorization?: string; body?: string; query?: string }, allowPublic = true) {
  const d = deps();
  const result = authenticateClient(
    {
      authorization: input.authorization ?? null,
      form: Params.fromForm(input.body ?? ''),
      query: new URLSearchParams(input.query ?? ''),
    },
    d,
    { allowPublic },
  );
  return { result, events: d.recorder.events };
}

function failure(fn: () => unknown): OAuthError {
  try {
    fn();
  } catch (e) {
    if (e instanceof OAuthError) return e;
    throw e;
  }
  throw new Error('expected an OAuthError');
}

describe('RFC 6749 §2.3 client authentication', () => {
  it('§2.3.1 authenticates client_secret_basic and records client_authentication.succeeded', () => {
    const { result, events } = auth({ authorization: basic('notes-assistant', 'notes-assistant-secret') });
    expect(result).toMatchObject({ method: 'client_secret_basic', client: { client_id: 'notes-assistant' } });
    expect(events.map((e) => e.type)).toEqual(['client_authentication.succeeded']);
  });

  it('T10 form-urldecodes the Basic user and password (my%2Dclient, a secret with + and %)', () => {
    const header = basic(formUrlEncode('my-client'), formUrlEncode('a+b%c d:e'));
    expect(header).toContain('Basic ');
    expect(Buffer.from(header.slice(6), 'base64').toString()).toMatch(/^my%2Dclient:/);
    expect(auth({ authorization: header }).result.client.client_id).toBe('my-client');
  });

  it('T6 answers 401 invalid_client with WWW-Authenticate: Basic for a wrong Basic secret', async () => {
    const err = failure(() => auth({ authorization: basic('notes-assistant', 'wrong') }));
    const res = jsonErrorResponse(err);
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toMatch(/^Basic realm="/);
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'client authentication failed' });
  });

  it('T6 answers the same for an unknown client id in Basic', () => {
    const err = failure(() => auth({ authorization: basic('nobody', 'x') }));
    expect([err.code, err.description, err.basicChallenge]).toEqual(['invalid_client', 'client authentication failed', true]);
  });

  it('§2.3.1 authenticates client_secret_post', () => {
    const { result } = auth({ body: 'client_id=reporting-service&client_secret=reporting-service-secret' });
    expect(result.method).toBe('client_secret_post');
  });

  it('T7 answers invalid_client for a wrong client_secret in the body', () => {
    const err = failure(() => auth({ body: 'client_id=reporting-service&client_secret=nope' }));
    expect([err.code, err.description, err.status, err.basicChallenge]).toEqual(['invalid_client', 'client authentication failed', 401, false]);
  });

  it('T8 answers invalid_request for Basic and a body client_secret together', () => {
    const err = failure(() =>
      auth({ authorization: basic('notes-assistant', 'notes-assistant-secret'), body: 'client_secret=notes-assistant-secret' }),
    );
    expect([err.code, err.description, err.status]).toEqual([
      'invalid_request',
      'the client used more than one authentication method (Basic and client_secret)',
      400,
    ]);
  });

  it('T9 rejects client_secret in the query string', () => {
    const err = failure(() => auth({ body: 'client_id=reporting-service', query: 'client_secret=reporting-service-secret' }));
    expect([err.code, err.description]).toEqual(['invalid_request', 'client_secret must not be sent in the request URI (RFC 6749 section 2.3.1)']);
  });

  it('accepts none for a public client that sends only its client_id', () => {
    expect(auth({ body: 'client_id=cli' }).result.method).toBe('none');
  });

  it('refuses none where the endpoint requires authentication (introspection)', () => {
    const err = failure(() => auth({ body: 'client_id=cli' }, false));
    expect([err.code, err.status]).toEqual(['invalid_client', 401]);
  });

  it('refuses a confidential client that sends no secret', () => {
    const err = failure(() => auth({ body: 'client_id=notes-assistant' }));
    expect([err.code, err.description]).toEqual(['invalid_client', 'the client must authenticate (it is a confidential client)']);
  });

  it('I1 answers invalid_client when no client authentication is included', () => {
    const err = failure(() => auth({ body: 'token=x' }));
    expect([err.code, err.description, err.status]).toEqual(['invalid_client', 'client authentication is required', 401]);
  });

  it('refuses a client that is not registered for the method it used', () => {
    const err = failure(() => auth({ body: 'client_id=my-client&client_secret=a%2Bb%25c+d%3Ae' }));
    expect([err.code, err.description]).toEqual(['invalid_client', 'the client is not registered for client_secret_post']);
  });

  it('answers invalid_request for a Basic client_id that differs from the body client_id', () => {
    const err = failure(() => auth({ authorization: basic('notes-assistant', 'notes-assistant-secret'), body: 'client_id=cli' }));
    expect(err.code).toBe('invalid_request');
  });
});

describe('RFC 6749 §2.3.1 garbage Basic headers', () => {
  it.each([
    ['Basic', 'invalid Authorization header: expected Basic and base64-encoded credentials'],
    ['Basic !!!', 'invalid Authorization header: expected Basic and base64-encoded credentials'],
    [`Basic ${Buffer.from('nocolon').toString('base64')}`, 'invalid Authorization header: the credentials have no colon'],
    [`Basic ${Buffer.from(':secret').toString('base64')}`, 'invalid Authorization header: the client_id is empty'],
    [`Basic ${Buffer.from('a%ZZ:b').toString('base64')}`, 'client_id and client_secret in the Authorization header are not properly form-urlencoded'],
  ])('answers invalid_request for %s', (header, description) => {
    const err = failure(() => parseBasicCredentials(header));
    expect([err.code, err.description, err.status]).toEqual(['invalid_request', description, 400]);
  });

  it.each([
    `${basic('notes-assistant', 'notes-assistant-secret')}, ${basic('notes-assistant', 'notes-assistant-secret')}`,
    `${basic('notes-assistant', 'notes-assistant-secret')}, garbage`,
    `Bearer abc, ${basic('notes-assistant', 'notes-assistant-secret')}`,
  ])('RFC 6749 §2.3 refuses two Authorization headers joined into one value (%s)', (authorization) => {
    const err = failure(() => auth({ authorization, body: 'grant_type=client_credentials' }));
    expect([err.code, err.description, err.status]).toEqual([
      'invalid_request',
      'the request has more than one Authorization header (or a list of credentials): send one, Basic',
      400,
    ]);
  });

  it('answers invalid_request for another Authorization scheme', () => {
    const err = failure(() => auth({ authorization: 'Digest abc' }));
    expect(err.code).toBe('invalid_request');
  });
});

// That the comparison is constant-time (timingSafeEqual on equal lengths) is shown in secret-comparison.test.ts.
describe('secret comparison', () => {
  it('compares equal and unequal secrets of any length', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
    expect(secretsEqual('', 'x')).toBe(false);
  });
});

describe('mutation testing (npm run mutation): the Basic header and who authenticated', () => {
  const b64 = Buffer.from('notes-assistant:notes-assistant-secret').toString('base64');

  // RFC 7235 §2.1: credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]: one or more
  // spaces after the scheme, then the token68 and nothing else.
  it('RFC 7235 §2.1 accepts Basic followed by two spaces (1*SP)', () => {
    expect(auth({ authorization: `Basic  ${b64}` }).result).toMatchObject({ method: 'client_secret_basic', client: { client_id: 'notes-assistant' } });
  });

  it.each([
    ['a scheme with a prefix', `XBasic ${b64}`],
    ['text after the credentials', `Basic ${b64} extra`],
  ])('RFC 7235 §2.1 refuses %s as invalid_request (RFC 6749 §5.2), before any secret is compared', (_name, header) => {
    const err = failure(() => auth({ authorization: header }));
    expect([err.code, err.status]).toEqual(['invalid_request', 400]);
  });

  // RFC 7591 §2 token_endpoint_auth_method: a client registered for client_secret_post only may not
  // use Basic, even with the right secret: 401 invalid_client with a Basic challenge (RFC 6749 §5.2).
  it('RFC 6749 §2.3.1 refuses Basic from a client registered only for client_secret_post', () => {
    const postOnly: RegisteredClient = { ...oddClient, client_id: 'post-only', client_secret: 'post-secret', token_endpoint_auth_methods: ['client_secret_post'] };
    const d = { recorder: collectingRecorder(), clients: clientRegistry([...CLIENTS, postOnly]) };
    const err = failure(() =>
      authenticateClient({ authorization: basic('post-only', 'post-secret'), form: Params.fromForm(''), query: new URLSearchParams() }, d, { allowPublic: false }),
    );
    expect([err.code, err.status]).toEqual(['invalid_client', 401]);
    expect(jsonErrorResponse(err).headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  // DESIGN.md, the timeline: notes-api is the resource server's own credentials (RFC 7662 §2.1), so
  // its authentication is drawn from the resource server's lane; any other client's from the client's.
  it('records the resource server as the party when notes-api authenticates, the client otherwise', () => {
    expect(auth({ authorization: basic('notes-api', 'notes-api-secret') }).events[0]).toMatchObject({ from: 'resource-server', to: 'auth-server' });
    expect(auth({ authorization: basic('notes-assistant', 'notes-assistant-secret') }).events[0]).toMatchObject({ from: 'client', to: 'auth-server' });
  });
});

describe('mutation testing (npm run mutation): the stand-in secret of clients that have none', () => {
  // RFC 6749 §2.3.1 / §5.2: an unknown client, or a public one, sending exactly the value the
  // comparison uses for "no secret" is still refused with invalid_client (401), not a server error.
  it.each(['unknown-client', 'cli'])('RFC 6749 §5.2 refuses %s sending the no-secret stand-in as its secret', (id) => {
    const err = failure(() => auth({ authorization: basic(id, '\u0000no secret') }));
    expect([err.code, err.status]).toEqual(['invalid_client', 401]);
  });
});

describe('mutation testing (npm run mutation): what may come with Basic', () => {
  // RFC 6749 §2.3.1 lets a client send its client_id in the body too (oauth4webapi does); only a
  // different one is a contradiction (invalid_request).
  it('RFC 6749 §2.3.1 accepts Basic with the same client_id in the body', () => {
    expect(auth({ authorization: basic('notes-assistant', 'notes-assistant-secret'), body: 'client_id=notes-assistant' }).result).toMatchObject({
      method: 'client_secret_basic',
      client: { client_id: 'notes-assistant' },
    });
  });

  // RFC 9110 §5.5: whitespace around a field value is not part of it.
  it('RFC 9110 §5.5 reads an Authorization value with whitespace around it', () => {
    expect(auth({ authorization: `  ${basic('notes-assistant', 'notes-assistant-secret')}  ` }).result).toMatchObject({ method: 'client_secret_basic' });
  });
});

describe('mutation testing (npm run mutation): a client_id alone, a secret alone, and what succeeds', () => {
  // RFC 6749 §2.3.1: client_secret_post sends client_id AND client_secret; a secret without the id
  // is a malformed request (RFC 6749 §5.2 invalid_request, 400), not a failed authentication.
  it('RFC 6749 §2.3.1 a client_secret in the body without client_id is invalid_request (400)', () => {
    const err = failure(() => auth({ body: 'client_secret=notes-assistant-secret' }));
    expect([err.code, err.status]).toEqual(['invalid_request', 400]);
  });

  // RFC 6749 §5.2 invalid_client: "unknown client".
  it('RFC 6749 §5.2 a client_id alone that nobody registered is invalid_client (401)', () => {
    const err = failure(() => auth({ body: 'client_id=nobody-registered-this' }));
    expect([err.code, err.status]).toEqual(['invalid_client', 401]);
  });

  // RFC 6749 §2.1 / §3.2.1: a confidential client (one with a secret) MUST authenticate; `none`
  // (RFC 7591 §2) is only for a client with no secret registered for it. Either condition refuses.
  it.each([
    ['with a secret, even though none is among its methods', { client_secret: 'has-a-secret', token_endpoint_auth_methods: ['none', 'client_secret_post'] }],
    ['without a secret but not registered for none', { client_secret: undefined, token_endpoint_auth_methods: ['client_secret_post'] }],
  ] as const)('RFC 6749 §3.2.1 a client %s cannot authenticate with its client_id alone', (_name, over) => {
    const odd: RegisteredClient = { ...oddClient, client_id: 'odd-one', ...over, token_endpoint_auth_methods: [...over.token_endpoint_auth_methods] };
    const d = { recorder: collectingRecorder(), clients: clientRegistry([...CLIENTS, odd]) };
    const err = failure(() => authenticateClient({ authorization: null, form: Params.fromForm('client_id=odd-one'), query: new URLSearchParams() }, d));
    expect([err.code, err.status]).toEqual(['invalid_client', 401]);
    expect(d.recorder.events).toEqual([]);
  });

  it('records client_authentication.succeeded as ok, naming the client and the method (RFC 7591 §2 token_endpoint_auth_method)', () => {
    expect(auth({ body: 'client_id=notes-assistant&client_secret=notes-assistant-secret' }).events).toMatchObject([
      { type: 'client_authentication.succeeded', outcome: 'ok', data: { client_id: 'notes-assistant', method: 'client_secret_post' } },
    ]);
    expect(auth({ body: 'client_id=cli' }).events).toMatchObject([{ outcome: 'ok', data: { client_id: 'cli', method: 'none' } }]);
  });

  // RFC 7617 §2: credentials = "Basic" 1*SP token68, the scheme matched from the start of the value.
  it('RFC 7617 §2 parseBasicCredentials refuses a scheme that only ends in "Basic" (invalid_request)', () => {
    const err = failure(() => parseBasicCredentials(`XBasic ${Buffer.from('cli:x').toString('base64')}`));
    expect([err.code, err.status]).toEqual(['invalid_request', 400]);
  });
});
