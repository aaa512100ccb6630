import { describe, expect, it } from 'vitest';
import { classifyAuthFailure, explainAuthFailure } from './auth-failure';

describe('Why a sign-in failed (next-auth reports all of these as OAuthCallback)', () => {
  it('RFC 6749 §4.1.2.1 error=access_denied is the user saying no', () => {
    expect(classifyAuthFailure({ oauthError: 'access_denied', message: 'access_denied' })).toBe('access_denied');
    expect(explainAuthFailure('OAuthCallback', 'access_denied').text).toContain('error=access_denied');
  });

  it('RFC 6749 §4.1.2.1 any other error from the authorization server is shown with its description', () => {
    expect(classifyAuthFailure({ oauthError: 'invalid_scope' })).toBe('oauth_error');
    expect(explainAuthFailure('OAuthCallback', 'oauth_error', 'invalid_scope: unknown scope x').text).toContain('unknown scope x');
  });

  // next-auth refuses these callbacks (e2e/client-callback-checks.spec.ts shows it); here: how the refusal is told.
  it('RFC 6749 §10.12 next-auth’s refusal for a state mismatch or a missing state cookie is told as not this browser’s sign-in', () => {
    expect(classifyAuthFailure({ message: 'state mismatch, expected abc, got: xyz' })).toBe('state_mismatch');
    expect(classifyAuthFailure({ message: 'State cookie was missing.' })).toBe('state_mismatch');
    expect(explainAuthFailure('OAuthCallback', 'state_mismatch').text).toContain('RFC 6749 §10.12');
  });

  it('RFC 9207 §2.4 next-auth’s refusal of an iss that is not the expected issuer, or of none, is told as a possible mix-up', () => {
    expect(classifyAuthFailure({ message: 'iss mismatch, expected http://h/as, got: http://evil/as' })).toBe('iss_mismatch');
    expect(classifyAuthFailure({ message: 'iss missing from the response' })).toBe('iss_mismatch');
    const told = explainAuthFailure('OAuthCallback', 'iss_mismatch');
    expect(told.headline).toBe('The answer came from an unexpected issuer.');
    expect(told.text).toContain('RFC 9207');
    expect(told.text).toContain('mix-up attack');
    expect(told.text).toContain('refused it');
  });

  it('a connection failure is the authorization server being unreachable', () => {
    expect(classifyAuthFailure({ message: 'connect ECONNREFUSED 127.0.0.1:3000' })).toBe('unreachable');
    expect(classifyAuthFailure({ message: 'something else' })).toBe('other');
    expect(explainAuthFailure('OAuthSignin', undefined).headline).toBe('Sign-in could not start.');
  });
});
