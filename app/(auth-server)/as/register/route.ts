import { handleRoute } from '@/lib/http/handle-route';
import { jsonErrorResponse, methodNotAllowed } from '@/lib/oauth/error-responses';
import { invalidClientMetadata } from '@/lib/oauth/errors';
import { authServerDeps } from '@/lib/auth-server/deps';
import { noStoreJson } from '@/lib/auth-server/form-request';
import { registerClient } from '@/lib/auth-server/client-registration';
import { checkRunOwner, RUN_KEY_CHALLENGE } from '@/lib/runs/run-owner';
import { jsonResponse } from '@/lib/http/json-response';

export const dynamic = 'force-dynamic';

/**
 * The client registration endpoint (RFC 7591 §3): open registration, JSON
 * in, 201 JSON out, never cached. The client belongs to a run, and adding
 * one changes the run: only its owner registers (issue 14), with the run
 * key (the browser's cookie on the Register your app page, or an outside
 * tool's X-Sandbox-Run-Key). X-Sandbox-Run alone only names the run: 401.
 */
export function POST(request: Request) {
  return handleRoute(request, { onError: (e) => jsonErrorResponse(e) }, async (x) => {
    const type = (x.request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    // §3.1: the body is application/json (which also keeps a cross-site HTML form from registering into a visitor's run).
    if (type !== 'application/json') throw invalidClientMetadata(`the registration request must be application/json, not ${type || 'a body without a Content-Type'} (RFC 7591 section 3.1)`);
    const text = await x.bodyText();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw invalidClientMetadata('the body is not valid JSON: send a JSON object of client metadata (RFC 7591 section 3.1)');
    }
    const owner = checkRunOwner(x.runs);
    if (!('runId' in owner)) return ownerRequired(owner);
    return noStoreJson(registerClient({ body, runId: owner.runId }, authServerDeps(x)), 201);
  });
}

/**
 * No run key, or one for another run: the run key is this endpoint's
 * credential (as an initial access token would be, RFC 7591 §3), so a
 * missing one is 401 with a challenge (RFC 9110 §11.6.1), a key for another
 * run 403; the body is an RFC 7591 §3.2.2 error saying how to get the key.
 */
function ownerRequired(refusal: { noKey: boolean; detail: string }): Response {
  return jsonResponse(
    { error: 'invalid_request', error_description: `registering a client changes a run, so it needs the run's key. ${refusal.detail}` },
    { status: refusal.noKey ? 401 : 403, headers: refusal.noKey ? RUN_KEY_CHALLENGE : {} },
  );
}

export function GET() {
  return methodNotAllowed('POST');
}
