import 'server-only';
import { cookies, headers } from 'next/headers';
import { clientRegistry } from '@/lib/auth-server/clients';
import type { AuthServerDeps } from '@/lib/auth-server/deps';
import { CSRF_COOKIE, csrfTokenFor, loadPendingRequest, type PendingRequest } from '@/lib/auth-server/pending-request';
import { AS_SESSION_COOKIE, currentSession } from '@/lib/auth-server/sessions';
import { issuerFor, resourceFor, sandboxOrigin } from '@/lib/http/origin';
import { getDb } from '@/lib/store/db';
import { ensureRun } from '@/lib/store/runs';
import type { SessionRow } from '@/lib/store/sessions';
import { runClock } from '@/lib/timeline/clock';
import { nullRecorder } from '@/lib/timeline/recorder';

/** What the sign-in and consent pages need: the pending request, the form's CSRF token, the session. */
export interface PageContext {
  origin: string;
  requestId?: string;
  pending: PendingRequest;
  /** The form's csrf_token, or undefined when the browser sent no `as_csrf` cookie. */
  csrfToken?: string;
  session?: SessionRow;
}

/** The pages only read: their deps record nothing (the route handlers record the protocol's events). */
function pageDeps(origin: string): AuthServerDeps {
  return {
    db: getDb(),
    clients: clientRegistry(),
    recorder: nullRecorder,
    issuer: issuerFor(origin),
    origin,
    defaultResource: resourceFor(origin),
    run(runId) {
      const run = ensureRun(getDb(), runId);
      return { settings: run.settings, clock: runClock(run.settings) };
    },
  };
}

export async function pageContext(searchParams: Promise<Record<string, string | string[] | undefined>>): Promise<PageContext> {
  const sp = await searchParams;
  const h = await headers();
  const origin = sandboxOrigin(new Request(`http://${h.get('host') ?? 'localhost:3000'}/`, { headers: h }));
  const requestId = typeof sp.request === 'string' ? sp.request : undefined;
  const deps = pageDeps(origin);
  const pending = loadPendingRequest(requestId, deps);
  const jar = await cookies();
  const secret = jar.get(CSRF_COOKIE)?.value;
  const csrfToken = secret && requestId ? csrfTokenFor(secret, requestId) : undefined;
  const session = pending.ok ? currentSession(jar.get(AS_SESSION_COOKIE)?.value, pending.row.runId, deps) : undefined;
  return { origin, requestId, pending, csrfToken, session };
}
