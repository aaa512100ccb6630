import 'server-only';
import type { ValidatedAuthorizationRequest } from './authorization-request';
import type { AuthServerDeps } from './deps';
import { formatScope, intersect, isSubset, parseScope } from '@/lib/oauth/scopes';
import { findConsent, saveConsent } from '@/lib/store/consents';

/**
 * Consent: what the resource owner lets one client do. The granted set is
 * the scopes the user left checked, within those requested: it may be
 * smaller than the request (RFC 6749 §3.3: the server "MAY fully or
 * partially ignore the scope requested"), never larger. Records no events.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export function grantedScopes(requested: readonly string[], checked: readonly string[]): string[] {
  return intersect(requested, checked);
}

/**
 * The consent remembered for (run, user, client), if it covers every scope
 * this request asks for: then it is reused without asking. `prompt=consent`
 * (OpenID Connect Core §3.1.2.1) always asks again. Returns the scopes to
 * grant (the requested ones), or undefined when the user must be asked.
 * Does not check the session or the request (the caller did). Records no
 * events: the caller records `consent.reused`.
 *
 * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest
 */
export function reusableConsent(
  request: ValidatedAuthorizationRequest,
  runId: string,
  userId: string,
  deps: Pick<AuthServerDeps, 'db'>,
): string[] | undefined {
  if (request.prompt.includes('consent')) return undefined;
  const stored = findConsent(deps.db, runId, userId, request.client.client_id);
  if (!stored) return undefined;
  // Stryker disable next-line ArrayDeclaration: equivalent, only a stored scope that is not a scope string parses to null, and then neither [] nor a made-up value covers a requested scope token
  const previously = parseScope(stored.scope) ?? [];
  return isSubset(request.scope, previously) ? [...request.scope] : undefined;
}

/** Remembers the user's decision for the client: the scopes granted this time replace the earlier ones. */
export function rememberConsent(runId: string, userId: string, clientId: string, granted: readonly string[], deps: Pick<AuthServerDeps, 'db' | 'openRun'>): void {
  saveConsent(deps.db, { runId, userId, clientId, scope: formatScope(granted), updatedAt: deps.openRun(runId).clock() });
}
