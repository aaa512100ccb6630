import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { validateAuthorizationRequest, type ValidatedAuthorizationRequest } from './authorization-request';
import type { AuthServerDeps } from './deps';
import { randomToken, tokenHash } from './token-hash';
import { invalidRequest, type OAuthError } from '@/lib/oauth/errors';
import { Params } from '@/lib/oauth/params';
import {
  findAuthorizationRequest,
  insertAuthorizationRequest,
  type AuthorizationRequestRow,
} from '@/lib/store/authorization-requests';

/**
 * The pending authorization request, kept while the user signs in and
 * consents, and the CSRF protection of the sign-in and consent forms.
 *
 * A form carries `csrf_token` = HMAC(browser secret, request id). The
 * browser secret lives in an httpOnly cookie scoped to /as, so the token is
 * bound both to this request (its hash is stored with it) and to this
 * browser: a page on another site can neither read the cookie nor guess the
 * token.
 */

/** The browser's CSRF secret cookie. */
export const CSRF_COOKIE = 'as_csrf';
/** A pending request expires after this many seconds. */
export const PENDING_REQUEST_TTL = 10 * 60;

export function csrfCookieHeader(secret: string): string {
  return `${CSRF_COOKIE}=${secret}; Path=/as; HttpOnly; SameSite=Lax`;
}

export const newBrowserSecret = (): string => randomToken();

/** The form's CSRF token for one pending request in one browser. */
export function csrfTokenFor(browserSecret: string, requestId: string): string {
  return createHmac('sha256', browserSecret).update(requestId).digest('base64url');
}

/** Stores the request's parameters (as received) with its CSRF token's hash; returns the request id. */
export function savePendingRequest(
  params: Params,
  runId: string,
  browserSecret: string,
  deps: Pick<AuthServerDeps, 'db' | 'openRun'>,
): string {
  const now = deps.openRun(runId).clock();
  const id = randomToken(18);
  insertAuthorizationRequest(deps.db, {
    id,
    runId,
    params: params.toObject(),
    csrfHash: tokenHash(csrfTokenFor(browserSecret, id)),
    createdAt: now,
    expiresAt: now + PENDING_REQUEST_TTL,
  });
  return id;
}

export type PendingRequest =
  | { ok: true; row: AuthorizationRequestRow; request: ValidatedAuthorizationRequest }
  | { ok: false; error: OAuthError; fix: string };

const gone = (description: string, fix: string): PendingRequest => ({
  ok: false,
  error: invalidRequest(description, { redirectable: false }),
  fix,
});

/**
 * The pending request `id`, if it exists, has not expired and was not
 * completed; its parameters are validated again, so that only a validated
 * request reaches the code.
 */
export function loadPendingRequest(id: string | undefined, deps: Pick<AuthServerDeps, 'db' | 'openRun' | 'clients' | 'origin' | 'defaultResource'>): PendingRequest {
  const restart = 'Start again from the client app: it sends you back here with a new authorization request.';
  const row = id ? findAuthorizationRequest(deps.db, id) : undefined;
  if (!row) return gone('this authorization request is unknown', restart);
  if (row.completedAt !== null) return gone('this authorization request has already been answered', restart);
  if (row.expiresAt <= deps.openRun(row.runId).clock())
    return gone(`this authorization request has expired (after ${PENDING_REQUEST_TTL / 60} minutes)`, restart);
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(row.params)) for (const one of Array.isArray(v) ? v : [v]) search.append(k, one);
  const result = validateAuthorizationRequest(new Params(search), deps, deps.openRun(row.runId).scopes, row.runId);
  if (!result.ok) return gone(`this authorization request is no longer valid: ${result.error.description}`, restart);
  return { ok: true, row, request: result.request };
}

/**
 * Whether the form's `csrf_token` is the one issued for this request to
 * this browser: it must match the browser's secret and the stored hash.
 */
export function csrfTokenValid(row: AuthorizationRequestRow, formToken: string | undefined, browserSecret: string | undefined): boolean {
  if (!formToken || !browserSecret) return false;
  const expected = Buffer.from(csrfTokenFor(browserSecret, row.id));
  const given = Buffer.from(formToken);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  return tokenHash(formToken) === row.csrfHash;
}
