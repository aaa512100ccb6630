/**
 * The resource server refetches the JWKS on an unknown `kid` at most once per
 * 5 s (JWKS_COOLDOWN_MS in lib/resource-server/deps.ts), as a real one must,
 * or a flood of forged kids would flood the authorization server.
 */
const RS_JWKS_COOLDOWN_MS = 5_000;

/**
 * Rotates the authorization server's signing keys (`POST /api/keys/rotate`),
 * then waits out the resource server's refetch cooldown, so that the first
 * token with the new kid to reach it, in this test file or the next, makes it
 * refetch rather than be refused. Every test that rotates goes through here,
 * so that no test depends on the order the files run in.
 */
export async function rotateSigningKeys(origin: string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(`${origin}/api/keys/rotate`, { method: 'POST', headers });
  await new Promise((r) => setTimeout(r, RS_JWKS_COOLDOWN_MS + 500));
  return res;
}
