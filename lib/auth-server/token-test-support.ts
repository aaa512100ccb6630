import 'server-only';
import { OAuthError } from '@/lib/oauth/errors';
import { Params } from '@/lib/oauth/params';
import type { AuthServerDeps } from './deps';
import { TEST_RUN } from './test-support';
import { tokenEndpoint } from './token-endpoint';

/** For unit tests only: calls the token endpoint step with a form body and optional Basic header. */
export function tokenRequest(deps: AuthServerDeps, body: Record<string, string> | string, authorization: string | null = null) {
  const form = typeof body === 'string' ? body : new URLSearchParams(body).toString();
  return tokenEndpoint(
    { authorization, form: Params.fromForm(form), query: new URLSearchParams(), runIdForNewTokens: TEST_RUN },
    deps,
  );
}

export const basicAuth = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** The OAuthError a promise rejects with, as [code, description, status]. */
export async function rejection(p: Promise<unknown>): Promise<[string, string, number]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OAuthError) return [e.code, e.description, e.status];
    throw e;
  }
  throw new Error('expected the request to fail');
}
