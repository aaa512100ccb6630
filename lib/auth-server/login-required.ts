import type { ValidatedAuthorizationRequest } from './authorization-request';
import type { SessionRow } from '@/lib/store/sessions';

/**
 * OpenID Connect Core §3.1.2.1: why the user must sign in again although a
 * session exists, or undefined when the session will do. A sign-in made
 * for this very request always will do. Otherwise:
 * - `prompt=login` and `max_age=0` ask for a fresh sign-in ("max_age=0 is
 *   equivalent to prompt=login"); `prompt=select_account` asks for the
 *   account chooser, which is the sign-in page here;
 * - `max_age`: more than that many seconds since `auth_time`, by the run's clock;
 * - `id_token_hint` naming another user than the one signed in.
 *
 * Pure: the caller reads the clock and verifies the hint.
 */
export function reauthenticationReason(
  request: ValidatedAuthorizationRequest,
  session: SessionRow,
  o: { now: number; signedInForThisRequest: boolean; hintSubject?: string },
): string | undefined {
  if (o.signedInForThisRequest) return undefined;
  if (request.prompt.includes('login')) return 'prompt=login asks the user to sign in again';
  if (request.prompt.includes('select_account')) return 'prompt=select_account asks the user to choose an account';
  if (request.maxAge === 0) return 'max_age=0 asks the user to sign in again';
  // Without max_age any age will do. "Greater than": a sign-in exactly max_age seconds old still counts.
  if (o.now - session.authTime > (request.maxAge ?? Infinity))
    return `the sign-in is ${o.now - session.authTime} s old, more than max_age=${request.maxAge}`;
  if (o.hintSubject !== undefined && o.hintSubject !== session.userId)
    return `id_token_hint names ${o.hintSubject}, but ${session.userId} is signed in`;
  return undefined;
}
