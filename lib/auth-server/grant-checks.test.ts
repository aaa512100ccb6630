import { describe, expect, it } from 'vitest';
import { OAuthError } from '@/lib/oauth/errors';
import { checkCodeRedemption, checkGrantLive, checkIssuedTo, checkRefreshTokenLive, refreshedScope, tokensForCode } from './grant-checks';

// The grants' pure checks, without a database: rows are literals, `now` a number.
// RFC 7636 Appendix B: the worked example's verifier and its S256 challenge.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const NOW = 1_800_000_000;
const REDIRECT = 'http://127.0.0.1:53117/callback';
const code = { expiresAt: NOW + 60, redirectUri: REDIRECT, redirectUriInRequest: true, codeChallenge: RFC_CHALLENGE };
const grant = { id: 'g', runId: 'r', clientId: 'cli', userId: 'alice', scope: 'openid notes:read', resource: 'http://localhost:3000/rs', authTime: NOW - 5, nonce: 'n-1', createdAt: NOW - 5, revokedAt: null };

/** The error a check throws, as [code, description, status]; fails when it throws none. */
function thrown(check: () => unknown): [string, string, number] {
  try {
    check();
  } catch (e) {
    if (e instanceof OAuthError) return [e.code, e.description, e.status];
    throw e;
  }
  throw new Error('expected the check to throw an OAuthError');
}

describe('RFC 6749 §4.1.3 / RFC 7636 §4.6 code redemption checks', () => {
  it('passes the RFC 7636 Appendix B verifier with the same redirect_uri one second before expiry', () => {
    expect(() => checkCodeRedemption(code, { redirectUri: REDIRECT, codeVerifier: RFC_VERIFIER }, NOW + 59)).not.toThrow();
  });

  it('a code is expired at its expiresAt second, not one second later', () => {
    expect(thrown(() => checkCodeRedemption(code, { redirectUri: REDIRECT, codeVerifier: RFC_VERIFIER }, NOW + 60))).toEqual([
      'invalid_grant',
      'the authorization code has expired',
      400,
    ]);
  });

  it('§4.1.3 redirect_uri: missing when the request had it is invalid_request; different is invalid_grant; missing is fine when the request had none', () => {
    expect(thrown(() => checkCodeRedemption(code, { redirectUri: undefined, codeVerifier: RFC_VERIFIER }, NOW))).toEqual([
      'invalid_request',
      'redirect_uri is required: the authorization request included it',
      400,
    ]);
    expect(thrown(() => checkCodeRedemption(code, { redirectUri: `${REDIRECT}/`, codeVerifier: RFC_VERIFIER }, NOW))[0]).toBe('invalid_grant');
    const without = { ...code, redirectUriInRequest: false };
    expect(() => checkCodeRedemption(without, { redirectUri: undefined, codeVerifier: RFC_VERIFIER }, NOW)).not.toThrow();
  });

  it('RFC 7636 §4.6: a missing or wrong verifier is invalid_grant; a malformed one (§4.1) is invalid_request', () => {
    const check = (codeVerifier: string | undefined) => thrown(() => checkCodeRedemption(code, { redirectUri: REDIRECT, codeVerifier }, NOW));
    expect(check(undefined)[0]).toBe('invalid_grant');
    // Well-formed (43 unreserved characters) but not the Appendix B verifier.
    expect(check('a'.repeat(43))).toEqual(['invalid_grant', 'code_verifier does not match the code_challenge', 400]);
    // 42 characters: too short for §4.1.
    expect(check(RFC_VERIFIER.slice(0, 42))[0]).toBe('invalid_request');
  });
});

describe('which tokens a code brings (OpenID Connect Core §11, §3.1.3.3)', () => {
  it('a refresh token only with offline_access granted AND the refresh_token grant registered; an ID token only with openid', () => {
    expect(tokensForCode({ ...grant, scope: 'openid offline_access notes:read' }, ['authorization_code', 'refresh_token'])).toEqual({
      refreshScope: 'openid offline_access notes:read',
      idToken: { authTime: NOW - 5, nonce: 'n-1' },
    });
    expect(tokensForCode({ ...grant, scope: 'openid offline_access' }, ['authorization_code']).refreshScope).toBeNull();
    expect(tokensForCode({ ...grant, scope: 'notes:read' }, ['authorization_code', 'refresh_token'])).toEqual({ refreshScope: null, idToken: null });
    // A scope that merely contains the word is not the scope.
    expect(tokensForCode({ ...grant, scope: 'openid_x offline_accessx' }, ['refresh_token'])).toEqual({ refreshScope: null, idToken: null });
  });
});

describe('the opening checks both redeeming grants share', () => {
  it('a code or refresh token issued to another client is invalid_grant naming what it is', () => {
    expect(() => checkIssuedTo({ clientId: 'cli' }, 'cli', 'refresh token')).not.toThrow();
    expect(thrown(() => checkIssuedTo({ clientId: 'cli' }, 'notes-assistant', 'refresh token'))).toEqual([
      'invalid_grant',
      'the refresh token was issued to another client',
      400,
    ]);
    expect(thrown(() => checkIssuedTo({ clientId: 'cli' }, 'CLI', 'authorization code'))[1]).toBe('the authorization code was issued to another client');
  });

  it('a revoked or missing grant is invalid_grant', () => {
    expect(() => checkGrantLive(grant)).not.toThrow();
    expect(thrown(() => checkGrantLive({ ...grant, revokedAt: NOW }))).toEqual(['invalid_grant', 'the grant was revoked', 400]);
    expect(thrown(() => checkGrantLive(undefined))[0]).toBe('invalid_grant');
  });
});

describe('RFC 6749 §6 refresh checks', () => {
  it('a refresh token is live until its expiresAt second and while not revoked', () => {
    expect(() => checkRefreshTokenLive({ revokedAt: null, expiresAt: NOW + 1 }, NOW)).not.toThrow();
    expect(thrown(() => checkRefreshTokenLive({ revokedAt: null, expiresAt: NOW }, NOW))).toEqual(['invalid_grant', 'the refresh token has expired', 400]);
    expect(thrown(() => checkRefreshTokenLive({ revokedAt: NOW - 1, expiresAt: NOW + 1 }, NOW))).toEqual([
      'invalid_grant',
      'the refresh token was revoked',
      400,
    ]);
  });

  it('§6 the new scope: none requested keeps the grant; narrower is taken; wider or malformed is invalid_scope', () => {
    const granted = 'openid offline_access notes:read';
    expect(refreshedScope(granted, undefined)).toBe(granted);
    expect(refreshedScope(granted, '')).toBe(granted);
    expect(refreshedScope(granted, 'notes:read openid')).toBe('notes:read openid');
    expect(thrown(() => refreshedScope(granted, 'notes:read notes:write'))).toEqual([
      'invalid_scope',
      'the requested scope is wider than the scope of the grant',
      400,
    ]);
    // RFC 6749 §3.3: scope-token is %x21 / %x23-5B / %x5D-7E; a double quote is not allowed.
    expect(thrown(() => refreshedScope(granted, 'notes:read "x"'))[0]).toBe('invalid_scope');
  });
});
