import { describe, expect, it } from 'vitest';
import {
  accessDenied,
  insufficientScope,
  invalidClient,
  invalidClientMetadata,
  invalidGrant,
  invalidRedirectUri,
  invalidRequest,
  invalidScope,
  invalidTarget,
  invalidToken,
  OAuthError,
  sanitizeDescription,
  serverError,
  toOAuthError,
  unauthorizedClient,
  unsupportedGrantType,
  unsupportedResponseType,
  unsupportedTokenType,
} from './errors';
import { bearerChallenge, bearerErrorResponse, jsonErrorResponse, methodNotAllowed } from './error-responses';

describe('RFC 6749 §5.2 error responses', () => {
  it('§4.1.2.1 keeps error_description within %x20-21 / %x23-5B / %x5D-7E', () => {
    expect(sanitizeDescription('bad "quote" \\ and é\n')).toBe("bad 'quote' / and   ");
    const e = new OAuthError('invalid_request', 'naïve "x"');
    expect(e.description).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/);
  });

  it('answers JSON with no-store and the default status', async () => {
    const r = jsonErrorResponse(new OAuthError('invalid_grant', 'code expired'));
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('pragma')).toBe('no-cache');
    expect(await r.json()).toEqual({ error: 'invalid_grant', error_description: 'code expired' });
  });

  it('answers 401 with WWW-Authenticate: Basic after a failed Basic authentication', async () => {
    const r = jsonErrorResponse(invalidClient('client authentication failed', { basicChallenge: true }));
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Basic realm="as", charset="UTF-8"');
    expect(await r.json()).toEqual({ error: 'invalid_client', error_description: 'client authentication failed' });
  });

  it('turns an unexpected error into server_error with no internals', () => {
    const e = toOAuthError(new TypeError('secret stack detail'));
    expect(e.code).toBe('server_error');
    expect(e.description).not.toContain('secret');
    expect(e.status).toBe(500);
  });

  it('keeps the unexpected error as the cause (for the log), and never puts it on the wire', async () => {
    const original = new TypeError('secret stack detail');
    const e = toOAuthError(original);
    expect(e.cause).toBe(original);
    const r = jsonErrorResponse(e);
    expect(r.status).toBe(500);
    expect(await r.text()).toBe('{"error":"server_error","error_description":"the server met an unexpected condition"}');
  });

  it('RFC 9110 §15.5.6: a wrong method is 405 with Allow and a §5.2 body', async () => {
    const r = methodNotAllowed('POST');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.json()).toEqual({ error: 'invalid_request', error_description: 'this endpoint accepts POST only' });
  });
});

describe('RFC 6750 §3 Bearer challenge', () => {
  it('has no error when no credentials were sent (RFC 9728 §5.1)', () => {
    expect(bearerChallenge({ realm: 'notes-api', resourceMetadata: 'http://h/.well-known/oauth-protected-resource/rs' })).toBe(
      'Bearer realm="notes-api", resource_metadata="http://h/.well-known/oauth-protected-resource/rs"',
    );
  });

  it('§3.1: no credentials is a 401 challenge with no error code and, unless asked, no body', async () => {
    const r = bearerErrorResponse(undefined, { realm: 'notes-api' });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="notes-api"');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.text()).toBe('');
  });

  it('§3: an error is in the challenge and in a JSON body; a server error is no challenge', async () => {
    const r = bearerErrorResponse(new OAuthError('insufficient_scope', 'needs notes:write', { scope: 'notes:write' }), { realm: 'as' });
    expect(r.status).toBe(403);
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="as", error="insufficient_scope", error_description="needs notes:write", scope="notes:write"');
    expect(await r.json()).toEqual({ error: 'insufficient_scope', error_description: 'needs notes:write' });
    const s = bearerErrorResponse(toOAuthError(new Error('x')), { realm: 'as' });
    expect(s.status).toBe(500);
    expect(s.headers.get('www-authenticate')).toBeNull();
  });
});

describe('one OAuthError: each factory makes its RFC error code and HTTP status', () => {
  it.each([
    // RFC 6749 §5.2: every token endpoint error is 400 except invalid_client
    ['invalid_request', () => invalidRequest('x'), 400],
    ['invalid_grant', () => invalidGrant('x'), 400],
    ['unauthorized_client', () => unauthorizedClient('x'), 400],
    ['unsupported_grant_type', () => unsupportedGrantType('x'), 400],
    ['invalid_scope', () => invalidScope('x'), 400],
    // RFC 6749 §4.1.2.1: redirected, but typed like the others
    ['unsupported_response_type', () => unsupportedResponseType('x'), 400],
    ['access_denied', () => accessDenied('x'), 400],
    // RFC 8707 §2
    ['invalid_target', () => invalidTarget('x'), 400],
    // RFC 6750 §3.1: invalid_token is 401, insufficient_scope 403
    ['invalid_token', () => invalidToken('x'), 401],
    ['insufficient_scope', () => insufficientScope('notes:write', 'x'), 403],
    // RFC 7009 §2.2.1
    ['unsupported_token_type', () => unsupportedTokenType('x'), 400],
    // RFC 7591 §3.2.2
    ['invalid_redirect_uri', () => invalidRedirectUri('x'), 400],
    ['invalid_client_metadata', () => invalidClientMetadata('x'), 400],
  ] as const)('%s', (code, make, status) => {
    // Made inside the test, so that the error is built while the test runs.
    const e = make();
    expect(e).toBeInstanceOf(OAuthError);
    expect(e.code).toBe(code);
    expect(e.status).toBe(status);
    expect(e.description).toBe('x');
  });

  it('RFC 6750 §3: insufficient_scope carries the scope the request needs', () => {
    expect(insufficientScope('notes:write', 'write needs notes:write').scope).toBe('notes:write');
  });

  it('RFC 6749 §4.1.2.1: an error may go back to the redirect URI unless told otherwise', () => {
    expect(invalidRequest('x').redirectable).toBe(true);
    expect(invalidRequest('x', { redirectable: false }).redirectable).toBe(false);
  });

  it('RFC 7591 §3.2.2: a registration error is a direct answer, never a redirect', () => {
    expect(invalidRedirectUri('x').redirectable).toBe(false);
    expect(invalidClientMetadata('x').redirectable).toBe(false);
  });

  it('RFC 6749 §4.1.2.1: server_error still says what happened, in words and without internals', () => {
    const e = serverError();
    expect(e.code).toBe('server_error');
    expect(e.status).toBe(500);
    expect(e.description.trim()).not.toBe('');
  });

  it('an OAuthError passes through toOAuthError unchanged: only unexpected errors become server_error', () => {
    const e = invalidGrant('the code was already used');
    expect(toOAuthError(e)).toBe(e);
  });
});

describe('RFC 6750 §3 Bearer challenge with an error', () => {
  it('§3.1 names the error and its description; insufficient_scope adds the scope the request needs', () => {
    expect(bearerChallenge({ realm: 'notes-api', error: insufficientScope('notes:write', 'needs notes:write') })).toBe(
      'Bearer realm="notes-api", error="insufficient_scope", error_description="needs notes:write", scope="notes:write"',
    );
  });

  it('§3.1 invalid_token has no scope attribute, and no resource_metadata when none is given', () => {
    expect(bearerChallenge({ realm: 'notes-api', error: invalidToken('the token expired') })).toBe(
      'Bearer realm="notes-api", error="invalid_token", error_description="the token expired"',
    );
  });
});
