import 'server-only';
import { validateAuthorizationRequest, type ErrorRedirect, type ValidatedAuthorizationRequest } from './authorization-request';
import { reusableConsent } from './consent';
import type { AuthServerDeps } from './deps';
import { idTokenHintSubject } from './id-token-hint';
import { issueAuthorizationCode } from './issue-code';
import { reauthenticationReason } from './login-required';
import { scopeMeaning } from './scope-definitions';
import { savePendingRequest } from './pending-request';
import { currentSession } from './sessions';
import { errorResponseUrl } from '@/lib/oauth/authorization-response';
import { invalidRequest, OAuthError } from '@/lib/oauth/errors';
import type { Params } from '@/lib/oauth/params';
import { formatScope } from '@/lib/oauth/scopes';
import { completeAuthorizationRequest } from '@/lib/store/authorization-requests';
import type { SessionRow } from '@/lib/store/sessions';

/** What the authorization endpoint does next. */
export type AuthorizeStep =
  /** Send the browser back to the client: a code, or an error with state and iss. */
  | { kind: 'redirect'; location: string }
  /** A 400 page, never a redirect (bad client_id or redirect_uri, a bad or stale form). */
  | { kind: 'page'; error: OAuthError; fix: string }
  /** Show the sign-in page for this pending request. */
  | { kind: 'sign-in'; requestId: string }
  /** Show the consent page for this pending request. */
  | { kind: 'consent'; requestId: string };

interface StartInput {
  params: Params;
  runId: string;
  /** The `as_session` cookie, if the browser sent one. */
  sessionToken?: string;
  /** The browser's CSRF secret (cookie `as_csrf`), for the forms' tokens. */
  browserSecret: string;
}

/**
 * The authorization endpoint (RFC 6749 §4.1.1): validates the request,
 * then, for a user already signed in whose earlier consent covers the
 * request, issues a code at once; otherwise stores the request and asks the
 * browser to sign in or to consent. `prompt=none` never shows a page: it
 * answers `login_required` or `consent_required` (OpenID Connect Core
 * §3.1.2.6); `prompt=login`, `prompt=select_account`, `max_age` (0, or
 * older than the sign-in by the run's clock) and an `id_token_hint` naming
 * another user ask to sign in again (Core §3.1.2.1); an `id_token_hint`
 * that is not this server's ID token for the client is invalid_request.
 *
 * Records `authorization_request.received`, then `authorization_request.rejected`,
 * or `consent.reused` and `authorization_code.issued`, or `consent.shown`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
 */
export function startAuthorization(input: StartInput, deps: AuthServerDeps): AuthorizeStep {
  deps.recorder.useRun(input.runId, 'request');
  const p = input.params.toObject();
  const show = (name: string) => (p[name] === undefined ? '(none)' : [p[name]].flat().join(' + '));
  deps.recorder.record({
    from: 'browser',
    to: 'auth-server',
    type: 'authorization_request.received',
    summary: `Authorization request from client_id=${show('client_id')}: response_type=${show('response_type')}, scope=${show('scope')}`,
    outcome: 'info',
    data: { params: p },
  });
  const v = validateAuthorizationRequest(input.params, deps, deps.openRun(input.runId).scopes, input.runId);
  if (!v.ok) {
    if (v.redirect) return rejectWithRedirect(v.error, v.redirect, deps);
    recordRejected(v.error, 'shown on a page, not redirected: the redirect URI is not verified', deps);
    return { kind: 'page', error: v.error, fix: v.fix };
  }
  const request = v.request;
  const redirect = { redirectUri: request.redirectUri, state: request.state };
  // OpenID Connect Core §3.1.2.1: an id_token_hint must be an ID token this server issued to the client.
  let hintSubject: string | undefined;
  if (request.idTokenHint !== undefined) {
    hintSubject = idTokenHintSubject(request.idTokenHint, request.client.client_id, deps);
    if (hintSubject === undefined)
      return rejectWithRedirect(invalidRequest(`id_token_hint is not an ID token this server issued to ${request.client.client_id}`), redirect, deps);
  }
  // prompt=login or select_account, max_age, id_token_hint: a session may not do (Core §3.1.2.1).
  const existing = currentSession(input.sessionToken, input.runId, deps);
  const now = deps.openRun(input.runId).clock();
  const reauthenticate = existing && reauthenticationReason(request, existing, { now, signedInForThisRequest: false, hintSubject });
  const session = reauthenticate ? undefined : existing;

  if (request.prompt.includes('none')) {
    if (!session)
      return rejectWithRedirect(new OAuthError('login_required', reauthenticate || 'the user is not signed in at the authorization server'), redirect, deps);
    if (!reusableConsent(request, input.runId, session.userId, deps))
      return rejectWithRedirect(new OAuthError('consent_required', 'the user has not consented to this client for the requested scope'), redirect, deps);
  }
  if (!session) return { kind: 'sign-in', requestId: savePendingRequest(input.params, input.runId, input.browserSecret, deps) };
  return continueWithSession(request, session, () => savePendingRequest(input.params, input.runId, input.browserSecret, deps), deps);
}

/**
 * With a signed-in user: reuse a remembered consent (code at once) or show
 * the consent page for the pending request (made on demand).
 */
export function continueWithSession(
  request: ValidatedAuthorizationRequest,
  session: SessionRow,
  pendingRequestId: () => string,
  deps: AuthServerDeps,
  completePending?: string,
): AuthorizeStep {
  const reused = reusableConsent(request, session.runId, session.userId, deps);
  if (reused) {
    if (completePending && !completeAuthorizationRequest(deps.db, completePending, deps.openRun(session.runId).clock()))
      return alreadyAnswered();
    deps.recorder.record({
      from: 'auth-server',
      to: 'auth-server',
      type: 'consent.reused',
      summary: `${session.userId} already consented to ${request.client.client_id} for ${formatScope(reused)}: no consent page`,
      outcome: 'info',
      consent: { requested: [...request.scope], granted: reused },
    });
    const { location } = issueAuthorizationCode(request, { runId: session.runId, userId: session.userId, authTime: session.authTime, scope: reused }, deps);
    return { kind: 'redirect', location };
  }
  const requestId = pendingRequestId();
  deps.recorder.record({
    from: 'auth-server',
    to: 'browser',
    type: 'consent.shown',
    summary: `Consent page: ${request.client.client_name} asks ${session.userId} for ${formatScope(request.scope)}`,
    outcome: 'info',
    consent: { requested: [...request.scope], granted: [] },
    // What the consent page shows beside each scope: its meaning, as this run defines it.
    data: { meanings: Object.fromEntries(request.scope.map((sc) => [sc, scopeMeaning(sc, deps.openRun(session.runId).scopes)])) },
  });
  return { kind: 'consent', requestId };
}

/** RFC 6749 §4.1.2.1: the error goes back to the verified redirect URI with state (if sent) and iss (RFC 9207 §2). */
export function rejectWithRedirect(error: OAuthError, redirect: ErrorRedirect, deps: Pick<AuthServerDeps, 'recorder' | 'issuer'>): AuthorizeStep {
  const location = errorResponseUrl(redirect.redirectUri, {
    error: error.code,
    error_description: error.description,
    state: redirect.state,
    iss: deps.issuer,
  });
  recordRejected(error, `redirect to ${redirect.redirectUri}`, deps);
  return { kind: 'redirect', location };
}

function recordRejected(error: OAuthError, how: string, deps: Pick<AuthServerDeps, 'recorder'>): void {
  deps.recorder.record({
    from: 'auth-server',
    to: 'browser',
    type: 'authorization_request.rejected',
    summary: `Authorization request rejected: ${error.code} (${error.description}), ${how}`,
    outcome: 'error',
    data: { error: error.code, error_description: error.description },
  });
}

export function alreadyAnswered(): AuthorizeStep {
  return {
    kind: 'page',
    error: new OAuthError('invalid_request', 'this authorization request has already been answered', { redirectable: false }),
    fix: 'Start again from the client app: it sends you back here with a new authorization request.',
  };
}
