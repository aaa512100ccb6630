/**
 * Every `Cache-Control` the sandbox answers with, written once. Almost every
 * answer carries a credential or one run's state, so it is never stored.
 */

/** RFC 9111 §5.2.2.5: no cache may store the answer. */
export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/**
 * RFC 6749 §5.1: an answer with tokens, credentials or other sensitive
 * information (token, introspection, registration endpoints and their
 * errors) also carries the HTTP/1.0 `Pragma: no-cache`.
 */
export const NO_STORE_PRAGMA = { ...NO_STORE, Pragma: 'no-cache' } as const;

/**
 * A metadata document that follows the run the request names (cookie or
 * X-Sandbox-Run): one origin serves every run, so no shared cache may keep it
 * and a private one must revalidate (RFC 9111 §5.2.2.4, §5.2.2.7; Vary §4.1).
 */
export const PER_RUN_DOCUMENT = { 'Cache-Control': 'private, no-cache', Vary: 'Cookie, X-Sandbox-Run' } as const;

/** The JWK Set: cacheable, briefly, so that a rotated key is found soon (RFC 7517 §5). */
export const SHORT_LIVED_PUBLIC = { 'Cache-Control': 'public, max-age=60' } as const;

/** A Server-Sent Events stream: never served from a cache; no-transform keeps compression from buffering it. */
export const EVENT_STREAM = { 'Cache-Control': 'no-cache, no-transform' } as const;

/** Sets a cache policy on Headers (for answers that also carry repeated headers such as Set-Cookie). */
export function setCachePolicy(headers: Headers, policy: Readonly<Record<string, string>>): Headers {
  for (const [name, value] of Object.entries(policy)) headers.set(name, value);
  return headers;
}
