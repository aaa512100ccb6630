import 'server-only';
import { alreadyAnswered, continueWithSession, rejectWithRedirect, type AuthorizeStep } from './authorize';
import { grantedScopes, rememberConsent } from './consent';
import type { AuthServerDeps } from './deps';
import { idTokenHintSubject } from './id-token-hint';
import { issueAuthorizationCode } from './issue-code';
import { reauthenticationReason } from './login-required';
import { csrfTokenValid, loadPendingRequest, type PendingRequest } from './pending-request';
import { createSession, currentSession } from './sessions';
import { findUser, USERS } from './users';
import { accessDenied, invalidRequest, OAuthError } from '@/lib/oauth/errors';
import { formatScope } from '@/lib/oauth/scopes';
import { completeAuthorizationRequest, markSignedIn } from '@/lib/store/authorization-requests';

/** What every form post carries: the pending request and its CSRF token, and the browser's CSRF cookie. */
interface FormInput {
  requestId?: string;
  csrfToken?: string;
  browserSecret?: string;
}

type Checked = Extract<PendingRequest, { ok: true }> | { ok: false; step: AuthorizeStep };

/** Loads the pending request and checks the form's CSRF token; any failure is a 400 page. */
function checkForm(input: FormInput, deps: AuthServerDeps): Checked {
  const pending = loadPendingRequest(input.requestId, deps);
  if (!pending.ok) return { ok: false, step: { kind: 'page', error: pending.error, fix: pending.fix } };
  // A form that fails its CSRF check is recorded on the run the request itself names, never on the pending request's (issue 8 §4).
  if (!csrfTokenValid(pending.row, input.csrfToken, input.browserSecret))
    return {
      ok: false,
      step: {
        kind: 'page',
        error: invalidRequest('the form could not be verified: its csrf_token does not belong to this request in this browser', { redirectable: false }),
        fix: 'Post the form from the page the authorization server showed, in the same browser (cookies on). If you came from another site, this page protected you.',
      },
    };
  deps.recorder.useRun(pending.row.runId);
  return pending;
}

/**
 * The sign-in form: signs the chosen demo user in at the authorization
 * server (a new `as_session`), then continues with consent. The pending
 * request is validated again and the form's CSRF token checked first (any
 * failure is a 400 page, never a redirect). Demo users have no password:
 * it checks only that the user is one of them.
 *
 * Records `user.signed_in`, then what continueWithSession records.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1
 */
export function submitSignIn(input: FormInput & { user?: string }, deps: AuthServerDeps): { step: AuthorizeStep; sessionToken?: string } {
  const form = checkForm(input, deps);
  if (!form.ok) return { step: form.step };
  const user = input.user ? findUser(input.user) : undefined;
  if (!user)
    return {
      step: {
        kind: 'page',
        error: invalidRequest(`user ${input.user ?? '(none)'} is not a demo user`, { redirectable: false }),
        fix: `Choose one of the demo users: ${USERS.map((u) => u.sub).join(', ')}.`,
      },
    };
  const { token, session } = createSession(form.row.runId, user.sub, deps);
  // A fresh sign-in for this request: what prompt=login and max_age ask for (OpenID Connect Core §3.1.2.1).
  markSignedIn(deps.db, form.row.id, session.idHash);
  deps.recorder.record({
    from: 'browser',
    to: 'auth-server',
    type: 'user.signed_in',
    summary: `${user.sub} (${user.role}) signed in at the authorization server`,
    outcome: 'ok',
    data: { user: user.sub, role: user.role, auth_time: session.authTime },
  });
  // OpenID Connect Core §3.1.2.1: signed in as another user than the id_token_hint names: "SHOULD return an error".
  const { request } = form;
  const hintSubject = request.idTokenHint === undefined ? undefined : idTokenHintSubject(request.idTokenHint, request.client.client_id, deps);
  if (hintSubject !== undefined && hintSubject !== user.sub) {
    if (!completeAuthorizationRequest(deps.db, form.row.id, deps.openRun(form.row.runId).clock())) return { step: alreadyAnswered(), sessionToken: token };
    const error = new OAuthError('login_required', `id_token_hint names ${hintSubject}, but ${user.sub} signed in`);
    return { step: rejectWithRedirect(error, { redirectUri: request.redirectUri, state: request.state }, deps), sessionToken: token };
  }
  const step = continueWithSession(request, session, () => form.row.id, deps, form.row.id);
  return { step, sessionToken: token };
}

/**
 * The consent form: Allow issues a code for the checked scopes (within
 * those requested) and remembers the decision; Deny, or Allow with nothing
 * checked, answers `access_denied` (RFC 6749 §4.1.2.1). Without a session
 * the browser is sent to sign in first.
 *
 * Does not widen the grant: scopes the form adds beyond the request are
 * dropped (RFC 6749 §3.3). A request already answered gets a page, not a
 * second code.
 *
 * Records `consent.granted` and `authorization_code.issued`, or `consent.denied`
 * and `authorization_request.rejected`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 */
export function submitConsent(
  input: FormInput & { sessionToken?: string; decision?: string; scope: string[] },
  deps: AuthServerDeps,
): AuthorizeStep {
  const form = checkForm(input, deps);
  if (!form.ok) return form.step;
  const { row, request } = form;
  const session = currentSession(input.sessionToken, row.runId, deps);
  if (!session) return { kind: 'sign-in', requestId: row.id };
  // OpenID Connect Core §3.1.2.1: prompt=login, max_age, id_token_hint hold at consent too, so that a
  // consent form posted with an older session cannot skip the sign-in the request asked for.
  const hintSubject = request.idTokenHint === undefined ? undefined : idTokenHintSubject(request.idTokenHint, request.client.client_id, deps);
  const now = deps.openRun(row.runId).clock();
  if (reauthenticationReason(request, session, { now, signedInForThisRequest: row.signedInSession === session.idHash, hintSubject }))
    return { kind: 'sign-in', requestId: row.id };
  if (input.decision !== 'allow' && input.decision !== 'deny')
    return {
      kind: 'page',
      error: invalidRequest('the consent form needs decision=allow or decision=deny', { redirectable: false }),
      fix: 'Press Allow or Deny on the consent page.',
    };
  if (!completeAuthorizationRequest(deps.db, row.id, deps.openRun(row.runId).clock())) return alreadyAnswered();

  const requested = [...request.scope];
  const granted = input.decision === 'allow' ? grantedScopes(requested, input.scope) : [];
  const redirect = { redirectUri: request.redirectUri, state: request.state };
  if (granted.length === 0) {
    deps.recorder.record({
      from: 'browser',
      to: 'auth-server',
      type: 'consent.denied',
      summary: `${session.userId} denied ${request.client.client_id} access (${input.decision === 'deny' ? 'pressed Deny' : 'allowed no scope'})`,
      outcome: 'denied',
      consent: { requested, granted: [] },
    });
    const why = input.decision === 'deny' ? 'the user denied the request' : 'the user granted none of the requested scopes';
    return rejectWithRedirect(accessDenied(why), redirect, deps);
  }
  rememberConsent(row.runId, session.userId, request.client.client_id, granted, deps);
  const partial = granted.length < requested.length;
  deps.recorder.record({
    from: 'browser',
    to: 'auth-server',
    type: 'consent.granted',
    summary: `${session.userId} granted ${request.client.client_id} ${formatScope(granted)}${partial ? ` (asked for ${formatScope(requested)})` : ''}`,
    outcome: 'ok',
    consent: { requested, granted },
  });
  const { location } = issueAuthorizationCode(
    request,
    { runId: row.runId, userId: session.userId, authTime: session.authTime, scope: granted },
    deps,
  );
  return { kind: 'redirect', location };
}
