/**
 * The `cli` demo client as a scenario plays it: a public native app (RFC
 * 8252) that sends the browser to the authorization endpoint with code +
 * PKCE S256 (RFC 7636 §4.3) and a loopback redirect on a port of its own
 * (RFC 8252 §7.3). Pure: the played mode and the Playwright page objects
 * build the same request.
 */
export function cliAuthorizationUrl(origin: string, p: { redirectUri: string; scope: string; codeChallenge: string }): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: 'cli',
    redirect_uri: p.redirectUri,
    scope: p.scope,
    state: 'cli-state',
    code_challenge: p.codeChallenge,
    code_challenge_method: 'S256',
  });
  return `${origin}/as/authorize?${q}`;
}
