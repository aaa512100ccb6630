import { describe, expect, it } from 'vitest';
import { OAuthError } from '@/lib/oauth/errors';
import { hasLoopbackRedirect, validateClientMetadata } from './client-metadata';

const ORIGIN = 'http://localhost:3000';
/** What a run offers by default: the supported OpenID scopes, then notes:read and notes:write (issue 15). */
const KNOWN = ['openid', 'profile', 'offline_access', 'notes:read', 'notes:write'];

function refused(body: unknown): OAuthError {
  try {
    validateClientMetadata(body, ORIGIN, KNOWN);
  } catch (e) {
    if (e instanceof OAuthError) return e;
    throw e;
  }
  throw new Error('expected the metadata to be refused');
}

describe('RFC 7591 §2 client metadata', () => {
  it('§2 fills in the defaults: client_secret_basic, authorization_code, code, every known scope, web', () => {
    expect(validateClientMetadata({ redirect_uris: ['https://app.example/cb'] }, ORIGIN, KNOWN)).toEqual({
      redirect_uris: ['https://app.example/cb'],
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      scope: 'openid profile offline_access notes:read notes:write',
      application_type: 'web',
    });
  });

  it('accepts a loopback IP literal on any port, the sandbox origin over http, and a private-use scheme', () => {
    const m = validateClientMetadata(
      {
        redirect_uris: ['http://127.0.0.1:8765/cb', 'http://[::1]/cb', `${ORIGIN}/somewhere`, 'com.example.app:/cb'],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        client_name: ' My app ',
        application_type: 'native',
        scope: 'notes:read',
      },
      ORIGIN,
      KNOWN,
    );
    expect(m).toMatchObject({ client_name: 'My app', token_endpoint_auth_method: 'none', scope: 'notes:read', application_type: 'native' });
  });

  it('a client_credentials-only client has no response types and needs no redirect URI', () => {
    expect(validateClientMetadata({ grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_post' }, ORIGIN, KNOWN)).toMatchObject({
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    });
  });

  it.each([
    [{}, 'redirect_uris is required'],
    [{ redirect_uris: 'https://app.example/cb' }, 'redirect_uris must be an array'],
    [{ redirect_uris: ['https://app.example/cb#x'] }, 'has a fragment'],
    [{ redirect_uris: ['http://app.example/cb'] }, 'http is allowed only for the loopback IP literals'],
    [{ redirect_uris: ['http://localhost:8080/cb'] }, 'use http://127.0.0.1:PORT'],
    [{ redirect_uris: ['javascript:alert(1)'] }, 'the javascript scheme is not allowed'],
    [{ redirect_uris: ['/relative'] }, 'must be an absolute URI'],
  ])('§3.2.2 invalid_redirect_uri for %j', (body, words) => {
    const e = refused(body);
    expect(e.code).toBe('invalid_redirect_uri');
    expect(e.status).toBe(400);
    expect(e.description).toContain(words);
  });

  const cb = { redirect_uris: ['https://app.example/cb'] };
  it.each([
    [[], 'must be a JSON object'],
    [{ ...cb, token_endpoint_auth_method: 'private_key_jwt' }, 'use none, client_secret_basic or client_secret_post'],
    [{ ...cb, grant_types: ['implicit'] }, "grant_type 'implicit' is not supported"],
    [{ ...cb, grant_types: [] }, 'grant_types must be a non-empty array'],
    [{ ...cb, response_types: ['token'] }, "response_type 'token' is not supported"],
    [{ ...cb, response_types: [] }, "add 'code' to response_types"],
    [{ grant_types: ['client_credentials'], response_types: ['code'] }, 'response_types includes code but grant_types lacks authorization_code'],
    [{ grant_types: ['client_credentials'], token_endpoint_auth_method: 'none' }, 'client_credentials needs a confidential client'],
    [{ ...cb, grant_types: ['refresh_token'] }, 'refresh_token without authorization_code'],
    [{ ...cb, scope: 'notes:read admin' }, 'scope admin is unknown'],
    [{ ...cb, scope: 42 }, 'scope must be a space-separated string'],
    [{ ...cb, client_name: '' }, 'client_name must be a non-empty string'],
    [{ ...cb, client_name: 'x'.repeat(101) }, 'at most 100 characters'],
    [{ ...cb, application_type: 'desktop' }, "application_type 'desktop' is not supported"],
  ])('§3.2.2 invalid_client_metadata for %j', (body, words) => {
    const e = refused(body);
    expect(e.code).toBe('invalid_client_metadata');
    expect(e.status).toBe(400);
    expect(e.description).toContain(words);
  });
});

describe('RFC 7591 §2 client metadata: the shape of each field', () => {
  const cb = { redirect_uris: ['https://app.example/cb'] };

  it.each([null, 'client metadata', 42, true])('§3.1 a body that is not a JSON object (%j) is invalid_client_metadata', (body) => {
    const e = refused(body);
    expect([e.code, e.status]).toEqual(['invalid_client_metadata', 400]);
    expect(e.description).toContain('must be a JSON object');
  });

  it.each([
    [{ ...cb, token_endpoint_auth_method: 42 }, 'invalid_client_metadata', 'token_endpoint_auth_method 42 is not supported'],
    [{ ...cb, grant_types: ['authorization_code', 7] }, 'invalid_client_metadata', 'grant_types must be a non-empty array of strings'],
    [{ ...cb, grant_types: 'authorization_code' }, 'invalid_client_metadata', 'grant_types must be a non-empty array of strings'],
    [{ ...cb, response_types: 'code' }, 'invalid_client_metadata', 'response_types must be an array of strings'],
    [{ ...cb, response_types: ['code', null] }, 'invalid_client_metadata', 'response_types must be an array of strings'],
    [{ redirect_uris: ['https://app.example/cb', 42] }, 'invalid_redirect_uri', 'redirect_uris must be an array of strings'],
    [{ ...cb, scope: '' }, 'invalid_client_metadata', 'scope must be a space-separated string of scopes'],
    [{ ...cb, scope: '   ' }, 'invalid_client_metadata', 'scope must be a space-separated string of scopes'],
    [{ ...cb, scope: 'notes:read "x"' }, 'invalid_client_metadata', 'scope must be a space-separated string of scopes'],
    [{ ...cb, client_name: 42 }, 'invalid_client_metadata', 'client_name must be a non-empty string'],
    [{ ...cb, client_name: '   ' }, 'invalid_client_metadata', 'client_name must be a non-empty string'],
  ])('a field of the wrong shape is refused, never a 500: %j', (body, code, words) => {
    const e = refused(body);
    expect([e.code, e.status]).toEqual([code, 400]);
    expect(e.description).toContain(words);
  });

  it('a client_name of 100 characters is registered (trimmed); 101 is refused', () => {
    expect(validateClientMetadata({ ...cb, client_name: 'n'.repeat(100) }, ORIGIN, KNOWN).client_name).toBe('n'.repeat(100));
    expect(refused({ ...cb, client_name: 'n'.repeat(101) }).code).toBe('invalid_client_metadata');
  });

  it('at most 10 redirect URIs: 10 are registered, 11 are invalid_redirect_uri', () => {
    const uris = (n: number) => Array.from({ length: n }, (_, i) => `https://app.example/cb${i}`);
    expect(validateClientMetadata({ redirect_uris: uris(10) }, ORIGIN, KNOWN).redirect_uris).toEqual(uris(10));
    const e = refused({ redirect_uris: uris(11) });
    expect([e.code, e.description]).toEqual(['invalid_redirect_uri', 'register at most 10 redirect URIs']);
  });

  it('§3.2.2 a refused redirect URI names the URI and the rule; the localhost hint only for http://localhost', () => {
    expect(refused({ redirect_uris: ['http://app.example/cb'] }).description).toBe(
      'redirect URI http://app.example/cb is refused: http is allowed only for the loopback IP literals 127.0.0.1 and [::1] of native apps (RFC 9700 section 2.6, RFC 8252 section 7.3)',
    );
    expect(refused({ redirect_uris: ['ftp://files.example/http://localhost/cb'] }).description).not.toContain('instead of localhost');
  });

  it('§2 the known scopes are the ones passed in: a run that defines notes:purge accepts it, the default list does not', () => {
    expect(validateClientMetadata({ ...cb, scope: 'openid notes:purge' }, ORIGIN, ['openid', 'notes:purge']).scope).toBe('openid notes:purge');
    expect(refused({ ...cb, scope: 'openid notes:purge' }).description).toContain('scope notes:purge is unknown');
  });

  it('RFC 8252 §7.3 a client with any loopback IP-literal redirect URI may use any port with it', () => {
    expect(hasLoopbackRedirect({ redirect_uris: ['https://app.example/cb', 'http://127.0.0.1/cb'] })).toBe(true);
    expect(hasLoopbackRedirect({ redirect_uris: ['http://[::1]/cb'] })).toBe(true);
    expect(hasLoopbackRedirect({ redirect_uris: ['https://app.example/cb', 'http://localhost/cb'] })).toBe(false);
    expect(hasLoopbackRedirect({ redirect_uris: [] })).toBe(false);
  });
});
