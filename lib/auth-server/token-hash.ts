import { createHash, randomBytes } from 'node:crypto';

/** Codes, refresh tokens and opaque access tokens are stored hashed (DESIGN.md, Store). */
export function tokenHash(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** A new random credential: 256 bits, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
