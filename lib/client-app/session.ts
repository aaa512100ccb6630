import 'server-only';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { getDb } from '@/lib/store/db';
import { findClientSession, type ClientSessionRow } from '@/lib/store/client-sessions';
import { nextAuthSecret, SecretsUnavailableError } from '@/lib/store/secrets';
import { runIdOfKeyCookie } from '@/lib/runs/run-owner';
import { pageOrigin } from '@/lib/http/page-origin';

/**
 * The signed-in visitor's client session: next-auth's encrypted session
 * cookie holds only `sid`, the id of the server-side row with the tokens.
 */

export function sessionCookieName(): string {
  return process.env.NEXTAUTH_URL?.startsWith('https://') ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

/** The `sid` in a next-auth session token, or undefined when the cookie is missing, expired or not ours. */
export async function sidFromSessionToken(token: string | undefined): Promise<string | undefined> {
  if (!token) return undefined;
  let secret: string;
  try {
    secret = nextAuthSecret();
  } catch (e) {
    // The page says what is wrong (secretsProblem); the log says it once per request here.
    if (e instanceof SecretsUnavailableError) console.error(`[notes-assistant] cannot read the session: ${e.message}`);
    return undefined;
  }
  try {
    const jwt = await decode({ token, secret });
    return typeof jwt?.sid === 'string' ? jwt.sid : undefined;
  } catch {
    return undefined;
  }
}

export async function currentClientSession(): Promise<ClientSessionRow | undefined> {
  const jar = await cookies();
  const sid = await sidFromSessionToken(jar.get(sessionCookieName())?.value);
  return sid ? findClientSession(getDb(), sid) : undefined;
}

/** The run of the browser's run key cookie (the client pages share the sandbox's origin). */
export async function currentRunId(): Promise<string | undefined> {
  return runIdOfKeyCookie(await cookies());
}

/** The client's origin as its pages and server actions see it: NEXTAUTH_URL when set, else from the request (no port assumed). */
export async function clientPageOrigin(): Promise<string> {
  return process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : pageOrigin();
}
