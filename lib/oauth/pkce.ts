import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * PKCE (RFC 7636) with the S256 method only: every client must use it (RFC
 * 9700 §2.1.1), and `plain` is refused (RFC 7636 §4.4.1, §7.2). This module
 * knows no database and no party: the authorization endpoint checks the
 * challenge's format, the token endpoint verifies the verifier against it.
 */

/** The only transform this sandbox supports (RFC 7636 §4.2). */
export const PKCE_METHOD = 'S256';

// RFC 7636 §4.1: code-verifier = 43*128unreserved; unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

// RFC 7636 §4.2: the challenge is BASE64URL(SHA256(verifier)), 43 characters, no padding.
// node-oidc-provider's check_pkce.js applies the verifier's own format rules to the
// challenge (43-128 unreserved characters); an S256 challenge is exactly 43 base64url ones.
const S256_CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

/** RFC 7636 §4.1: 43 to 128 characters from `[A-Za-z0-9-._~]`. */
export function isValidCodeVerifier(verifier: string | undefined | null): verifier is string {
  // Stryker disable next-line ConditionalExpression: equivalent, the regex reads undefined and null as "undefined" and "null", which fail it
  return typeof verifier === 'string' && CODE_VERIFIER.test(verifier);
}

/**
 * Whether `challenge` can be an S256 code_challenge: the base64url encoding
 * (no padding) of a SHA-256 digest, so exactly 43 characters of
 * `[A-Za-z0-9-_]` (RFC 7636 §4.2, §4.1 format rules; checked as
 * node-oidc-provider's check_pkce.js does).
 */
export function isValidCodeChallenge(challenge: string | undefined | null): challenge is string {
  // Stryker disable next-line ConditionalExpression: equivalent, the regex reads undefined and null as "undefined" and "null", which fail it
  return typeof challenge === 'string' && S256_CHALLENGE.test(challenge);
}

/** RFC 7636 §4.2: code_challenge = BASE64URL-ENCODE(SHA256(ASCII(code_verifier))). */
export function s256Challenge(verifier: string): string {
  // Stryker disable next-line StringLiteral: equivalent for every verifier §4.1 allows (ASCII only), where ascii and utf8 encode alike
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * RFC 7636 §4.6: whether `verifier` transforms (S256) into `challenge`.
 * False for a verifier that breaks the §4.1 format rules, so a caller that
 * wants to answer `invalid_request` for a malformed verifier (P8) checks
 * isValidCodeVerifier first; a mismatch is the caller's `invalid_grant`.
 * Compares in constant time.
 */
export function verifyS256(verifier: string, challenge: string): boolean {
  if (!isValidCodeVerifier(verifier) || !isValidCodeChallenge(challenge)) return false;
  const a = Buffer.from(s256Challenge(verifier));
  const b = Buffer.from(challenge);
  // Stryker disable next-line ConditionalExpression: equivalent, both sides passed their format checks and are 43 characters
  return a.length === b.length && timingSafeEqual(a, b);
}
