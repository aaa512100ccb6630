import 'server-only';
import { errorPageResponse } from './error-page';
import type { AuthorizeStep } from '@/lib/auth-server/authorize';
import type { RouteContext } from '@/lib/http/handle-route';
import { redirectResponse } from '@/lib/oauth/authorization-response';
import { invalidRequest, type OAuthError } from '@/lib/oauth/errors';
import { isFormContentType, Params } from '@/lib/oauth/params';
import { cookieValue } from '@/lib/runs/run-id';

/** Paths of the authorization server's front channel. */
export const SIGN_IN_PAGE = '/as/authorize/sign-in';
export const CONSENT_PAGE = '/as/authorize/consent';
export const SIGN_IN_ACTION = '/as/authorize/session';
export const CONSENT_ACTION = '/as/authorize/decision';

export function readCookie(request: Request, name: string): string | undefined {
  return cookieValue(request.headers.get('cookie'), name) || undefined;
}

/**
 * Turns a step of the authorization endpoint into its HTTP answer: a 303 to
 * the client, a 400 page, or a 303 to the sign-in or consent page (relative,
 * so the browser stays on the host its cookies belong to).
 */
export function stepResponse(step: AuthorizeStep, x: RouteContext, setCookies: string[] = []): Response {
  const headers = new Headers();
  for (const c of setCookies) headers.append('Set-Cookie', c);
  switch (step.kind) {
    case 'redirect':
      return redirectResponse(step.location, headers);
    case 'page':
      return errorPageResponse({ url: x.origin + x.url.pathname, error: step.error, fix: step.fix }, 400, headers);
    case 'sign-in':
      return redirectResponse(`${SIGN_IN_PAGE}?request=${encodeURIComponent(step.requestId)}`, headers);
    case 'consent':
      return redirectResponse(`${CONSENT_PAGE}?request=${encodeURIComponent(step.requestId)}`, headers);
  }
}

/** A form post's fields, or a 400 page when the body is not `application/x-www-form-urlencoded`. */
export async function readForm(x: RouteContext): Promise<URLSearchParams | Response> {
  if (!isFormContentType(x.request.headers.get('content-type')))
    return errorPageResponse({
      url: x.origin + x.url.pathname,
      error: invalidRequest('the form must be posted as application/x-www-form-urlencoded', { redirectable: false }),
      fix: 'Post the sign-in or consent form as the page does (method=post, the default encoding).',
      title: 'This form post cannot be read',
      why: 'HTML forms post application/x-www-form-urlencoded bodies; curl does too with -d.',
    });
  return new URLSearchParams(await x.bodyText());
}

/** handleRoute's error answer for the front channel: a page, never a stack trace. */
export function frontChannelError(err: OAuthError, x: RouteContext): Response {
  const unexpected = err.code === 'server_error';
  return errorPageResponse(
    {
      url: x.origin + x.url.pathname,
      error: err,
      fix: unexpected ? 'Try again; if it keeps happening, reset your run from the home page.' : 'Start again from the client app.',
      title: unexpected ? 'The authorization server met an unexpected condition' : 'This request cannot go on',
      why: unexpected ? 'Nothing about the failure is shown here on purpose: internals stay on the server.' : undefined,
    },
    err.status,
  );
}

/**
 * The sign-in or consent form's fields, each at most once (RFC 6749 §3.1
 * read for the authorization server's own forms: a doubled `decision` or
 * `user` must not be decided by whichever comes first). `repeatable` names
 * the checkbox fields. A repeat throws invalid_request: a 400 page.
 */
export async function readFormFields(x: RouteContext, repeatable: readonly string[] = []): Promise<URLSearchParams | Response> {
  const form = await readForm(x);
  if (!(form instanceof Response)) new Params(form).rejectRepeats(repeatable, { redirectable: false });
  return form;
}
