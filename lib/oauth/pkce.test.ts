import { describe, expect, it } from 'vitest';
import { isValidCodeChallenge, isValidCodeVerifier, s256Challenge, verifyS256 } from './pkce';

// RFC 7636 Appendix B: the worked example.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('RFC 7636 PKCE', () => {
  describe('§4.2 S256 transform', () => {
    it('Appendix B: derives the example challenge from the example verifier', () => {
      expect(s256Challenge(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
    });
  });

  describe('§4.1 code_verifier format (P8)', () => {
    it('accepts 43 and 128 unreserved characters', () => {
      expect(isValidCodeVerifier('a'.repeat(43))).toBe(true);
      expect(isValidCodeVerifier('a'.repeat(128))).toBe(true);
      expect(isValidCodeVerifier('AZaz09-._~'.repeat(5))).toBe(true);
    });
    it('rejects 42 and 129 characters', () => {
      expect(isValidCodeVerifier('a'.repeat(42))).toBe(false);
      expect(isValidCodeVerifier('a'.repeat(129))).toBe(false);
    });
    it('rejects a character outside [A-Za-z0-9-._~]', () => {
      for (const bad of ['+', '/', '=', ' ', '%', 'é', '!']) {
        expect(isValidCodeVerifier('a'.repeat(42) + bad)).toBe(false);
      }
    });
    it('rejects a missing verifier', () => {
      expect(isValidCodeVerifier(undefined)).toBe(false);
      expect(isValidCodeVerifier(null)).toBe(false);
      expect(isValidCodeVerifier('')).toBe(false);
    });
  });

  describe('§4.2 code_challenge format (P9)', () => {
    it('accepts a base64url SHA-256 digest of 43 characters', () => {
      expect(isValidCodeChallenge(RFC_CHALLENGE)).toBe(true);
    });
    it('rejects a challenge of the wrong length', () => {
      expect(isValidCodeChallenge(RFC_CHALLENGE.slice(0, 42))).toBe(false);
      expect(isValidCodeChallenge(RFC_CHALLENGE + 'A')).toBe(false);
      expect(isValidCodeChallenge('a'.repeat(128))).toBe(false);
    });
    it('rejects padding and characters outside base64url', () => {
      expect(isValidCodeChallenge(RFC_CHALLENGE.slice(0, 42) + '=')).toBe(false);
      expect(isValidCodeChallenge(RFC_CHALLENGE.slice(0, 42) + '+')).toBe(false);
      expect(isValidCodeChallenge(RFC_CHALLENGE.slice(0, 42) + '/')).toBe(false);
      expect(isValidCodeChallenge(RFC_CHALLENGE.slice(0, 42) + '~')).toBe(false);
    });
    it('rejects a missing challenge', () => {
      expect(isValidCodeChallenge(undefined)).toBe(false);
      expect(isValidCodeChallenge('')).toBe(false);
    });
  });

  describe('§4.6 verification', () => {
    it('accepts the verifier that produced the challenge', () => {
      expect(verifyS256(RFC_VERIFIER, RFC_CHALLENGE)).toBe(true);
    });
    it('rejects a mismatched code_verifier (P5)', () => {
      expect(verifyS256('x'.repeat(43), RFC_CHALLENGE)).toBe(false);
    });
    it('rejects the challenge itself sent as the verifier (a plain-method downgrade)', () => {
      expect(verifyS256(RFC_CHALLENGE, RFC_CHALLENGE)).toBe(false);
    });
    it('rejects a verifier that breaks the §4.1 format, even if it would hash to the challenge', () => {
      const short = 'a'.repeat(42);
      expect(verifyS256(short, s256Challenge(short))).toBe(false);
    });
    it('rejects a malformed stored challenge', () => {
      expect(verifyS256(RFC_VERIFIER, '')).toBe(false);
    });
  });
});
