import { authServerDeps } from '@/lib/auth-server/deps';
import { submitSignIn } from '@/lib/auth-server/authorize-forms';
import { CSRF_COOKIE } from '@/lib/auth-server/pending-request';
import { sessionCookieHeader } from '@/lib/auth-server/sessions';
import { handleRoute } from '@/lib/http/handle-route';
import { frontChannelError, readCookie, readFormFields, stepResponse } from '../../../_components/authorize-http';

export const dynamic = 'force-dynamic';

/** The sign-in form's target: signs the chosen demo user in (cookie `as_session`), then on to consent. */
export function POST(request: Request) {
  return handleRoute(request, { onError: frontChannelError }, async (x) => {
    const form = await readFormFields(x);
    if (form instanceof Response) return form;
    const { step, sessionToken } = submitSignIn(
      {
        requestId: form.get('request_id') ?? undefined,
        csrfToken: form.get('csrf_token') ?? undefined,
        browserSecret: readCookie(request, CSRF_COOKIE),
        user: form.get('user') ?? undefined,
      },
      authServerDeps(x),
    );
    return stepResponse(step, x, sessionToken ? [sessionCookieHeader(sessionToken)] : []);
  });
}
