import { describe, expect, it } from 'vitest';
import { OAuthError } from '@/lib/oauth/errors';
import { validateClientMetadata } from './client-metadata';

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
