import { handleExchange } from '@/lib/http/exchange';
import { jsonErrorResponse } from '@/lib/oauth/error-responses';
import { invalidClientMetadata, invalidRequest } from '@/lib/oauth/errors';
import { authServerDeps } from '@/lib/auth-server/deps';
import { methodNotAllowed, noStoreJson } from '@/lib/auth-server/form-request';
import { registerClient } from '@/lib/auth-server/client-registration';

export const dynamic = 'force-dynamic';

/**
 * The client registration endpoint (RFC 7591 §3): open registration, JSON
 * in, 201 JSON out, never cached. The client belongs to the request's run:
 * the one X-Sandbox-Run names (an outside tool), else the browser's.
 */
export function POST(request: Request) {
  return handleExchange(request, { onError: (e) => jsonErrorResponse(e) }, async (x) => {
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
    if (!x.requestRunId)
      throw invalidRequest('no run named: send X-Sandbox-Run with your run id (shown on the sandbox home page), or register from the Register your app page; a client belongs to the run that registered it');
    return noStoreJson(registerClient({ body, runId: x.requestRunId }, authServerDeps(x)), 201);
  });
}

export function GET() {
  return methodNotAllowed('POST');
}
