import 'server-only';
import { cookies } from 'next/headers';
import { authServerDeps, runScopeDefinitions } from '@/lib/auth-server/deps';
import { scopeMeaning } from '@/lib/auth-server/scope-definitions';
import { CSRF_COOKIE, csrfTokenFor, loadPendingRequest, type PendingRequest } from '@/lib/auth-server/pending-request';
import { AS_SESSION_COOKIE, currentSession } from '@/lib/auth-server/sessions';
import { pageOrigin } from '@/lib/http/page-origin';
import { getDb } from '@/lib/store/db';
import type { SessionRow } from '@/lib/store/sessions';
import { nullRecorder } from '@/lib/timeline/recorder';

/** What the sign-in and consent pages need: the pending request, the form's CSRF token, the session. */
export interface PageContext {
  origin: string;
  requestId?: string;
  pending: PendingRequest;
  /** The form's csrf_token, or undefined when the browser sent no `as_csrf` cookie. */
  csrfToken?: string;
  session?: SessionRow;
  /** What each requested scope means in the request's run (the consent page shows it). */
  meanings: Record<string, string>;
}

export async function pageContext(searchParams: Promise<Record<string, string | string[] | undefined>>): Promise<PageContext> {
  const sp = await searchParams;
  const origin = await pageOrigin();
  const requestId = typeof sp.request === 'string' ? sp.request : undefined;
  // The pages only read: their deps record nothing.
  const deps = authServerDeps({ db: getDb(), recorder: nullRecorder, origin });
  const pending = loadPendingRequest(requestId, deps);
  const jar = await cookies();
  const secret = jar.get(CSRF_COOKIE)?.value;
  const csrfToken = secret && requestId ? csrfTokenFor(secret, requestId) : undefined;
  const session = pending.ok ? currentSession(jar.get(AS_SESSION_COOKIE)?.value, pending.row.runId, deps) : undefined;
  const defs = runScopeDefinitions(deps.db, pending.ok ? pending.row.runId : undefined);
  const meanings = Object.fromEntries((pending.ok ? pending.request.scope : []).map((s) => [s, scopeMeaning(s, defs)]));
  return { origin, requestId, pending, csrfToken, session, meanings };
}
