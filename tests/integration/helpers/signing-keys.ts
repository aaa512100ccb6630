/**
 * Rotates the authorization server's signing keys (`POST /api/keys/rotate`).
 *
 * No wait afterwards: the resource server picks a rotation up by itself. A
 * token with a `kid` it does not hold makes it refetch the JWKS, and during
 * the refetch cool-down (JWKS_COOLDOWN_MS in lib/resource-server/deps.ts)
 * that request waits for the cool-down's end and one shared refetch
 * (lib/resource-server/jwks-cache.ts) instead of being refused; so the first
 * token with the new kid, in this test file or the next, is accepted, at
 * most one cool-down later (tests/integration/jwks-refetch.test.ts shows it,
 * even right after a forged kid spent the cool-down). Every test that
 * rotates goes through here, so that no test depends on the order the files
 * run in.
 */
export async function rotateSigningKeys(origin: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${origin}/api/keys/rotate`, { method: 'POST', headers });
}
