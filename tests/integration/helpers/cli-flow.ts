import { authorizeInBrowserlessFlow, buildAuthorizationUrl, newPkce } from './authorize';

export interface CliTokens {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
}

/**
 * The `cli` client's authorization code flow through the AS's own forms,
 * with `front` headers on the browser's side (e.g. the run key) and `back`
 * headers on the token request (e.g. X-Sandbox-Run naming some run).
 */
export async function cliCode(origin: string, front: { runKey?: string; runId?: string }, scope = 'openid notes:read notes:write offline_access') {
  const redirectUri = 'http://127.0.0.1:48177/callback';
  const { verifier, challenge } = newPkce();
  const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope, state: 's', codeChallenge: challenge, nonce: 'n' });
  const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', ...front });
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code: ${callback}`);
  return { code, verifier, redirectUri };
}

export async function cliTokens(origin: string, front: { runKey?: string; runId?: string }, back: Record<string, string> = {}): Promise<CliTokens> {
  const { code, verifier, redirectUri } = await cliCode(origin, front);
  const res = await fetch(`${origin}/as/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...back },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'cli', code_verifier: verifier }),
  });
  const body = (await res.json()) as CliTokens;
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}
