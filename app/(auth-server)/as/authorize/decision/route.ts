import { authServerDeps } from '@/lib/auth-server/deps';
import { submitConsent } from '@/lib/auth-server/authorize-forms';
import { CSRF_COOKIE } from '@/lib/auth-server/pending-request';
import { AS_SESSION_COOKIE } from '@/lib/auth-server/sessions';
import { handleRoute } from '@/lib/http/handle-route';
import { frontChannelError, readCookie, readFormFields, stepResponse } from '../../../_components/authorize-http';

export const dynamic = 'force-dynamic';

/** The consent form's target: Allow (the checked scopes) or Deny, then back to the client. */
export function POST(request: Request) {
  return handleRoute(request, { onError: frontChannelError }, async (x) => {
    const form = await readFormFields(x, ['scope']);
    if (form instanceof Response) return form;
    const step = submitConsent(
      {
        requestId: form.get('request_id') ?? undefined,
        csrfToken: form.get('csrf_token') ?? undefined,
        browserSecret: readCookie(request, CSRF_COOKIE),
        sessionToken: readCookie(request, AS_SESSION_COOKIE),
        decision: form.get('decision') ?? undefined,
        scope: form.getAll('scope'),
      },
      authServerDeps(x),
    );
    return stepResponse(step, x);
  });
}
