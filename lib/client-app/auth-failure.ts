/**
 * Why a sign-in failed, in the user's words. next-auth reports every
 * callback failure as `error=OAuthCallback`; the client app keeps the cause
 * (the authorization server's `error`, or what the callback checks refused)
 * and the error page explains it. Records nothing.
 *
 * @see RFC 6749 §4.1.2.1 (error responses: access_denied and the others)
 * @see RFC 6749 §10.12 (state binds the response to the browser that started the request)
 * @see RFC 9207 §2.4 (the client compares `iss` with the issuer it expected)
 */

type AuthFailureReason = 'access_denied' | 'oauth_error' | 'state_mismatch' | 'iss_mismatch' | 'unreachable' | 'secrets' | 'other';

export function classifyAuthFailure(input: { oauthError?: string; message?: string }): AuthFailureReason {
  if (input.oauthError === 'access_denied') return 'access_denied';
  if (input.oauthError) return 'oauth_error';
  const m = (input.message ?? '').toLowerCase();
  if (/state (mismatch|missing)|state cookie|state value/.test(m)) return 'state_mismatch';
  if (/iss (mismatch|missing)/.test(m)) return 'iss_mismatch';
  if (/econnrefused|enotfound|fetch failed|socket hang up|timed out|etimedout|econnreset|expected 200 ok/.test(m)) return 'unreachable';
  return 'other';
}

export function isAuthFailureReason(v: unknown): v is AuthFailureReason {
  return ['access_denied', 'oauth_error', 'state_mismatch', 'iss_mismatch', 'unreachable', 'secrets', 'other'].includes(v as string);
}

interface AuthFailureText {
  headline: string;
  text: string;
}

/** The error page's words for a failed sign-in: next-auth's code, our reason, and the server's description. */
export function explainAuthFailure(nextAuthError: string | undefined, reason: AuthFailureReason | undefined, detail?: string): AuthFailureText {
  switch (reason) {
    case 'access_denied':
      return {
        headline: 'You said no.',
        text: 'At the authorization server you chose Deny, so it sent you back with error=access_denied and no code. Notes Assistant got no token and cannot see your notes. That is your right: you can try again whenever you like.',
      };
    case 'oauth_error':
      return {
        headline: 'The authorization server refused the request.',
        text: `It sent you back with an error instead of a code${detail ? `: ${detail}` : ''}.`,
      };
    case 'state_mismatch':
      return {
        headline: 'The answer did not belong to this browser’s sign-in.',
        text: 'The state parameter in the callback did not match the one Notes Assistant stored when it sent you to the authorization server (RFC 6749 §10.12). It could be a forged or replayed callback, or an old tab, so Notes Assistant refused it. Start again from this page.',
      };
    case 'iss_mismatch':
      return {
        headline: 'The answer came from an unexpected issuer.',
        text: 'The iss parameter in the callback was not the issuer Notes Assistant sent you to (RFC 9207): a mix-up attack looks like this, so Notes Assistant refused it.',
      };
    case 'unreachable':
      return {
        headline: 'The authorization server could not be reached.',
        text: `Notes Assistant got no answer from it${detail ? ` (${detail})` : ''}. Try again in a moment.`,
      };
    case 'secrets':
      return {
        headline: 'Notes Assistant is not set up: it has no secret for its sessions.',
        text: `It keeps the secret that protects your session cookie under .data/ (or NEXTAUTH_SECRET in the environment), and could not find or create it${detail ? `: ${detail}` : ''}. Whoever runs the sandbox must fix this; signing in cannot work until then.`,
      };
    default:
      break;
  }
  if (nextAuthError === 'OAuthSignin')
    return {
      headline: 'Sign-in could not start.',
      text: 'Notes Assistant could not build the authorization request: the authorization server’s metadata was not available. Try again in a moment.',
    };
  return {
    headline: 'Sign-in did not complete.',
    text: `Notes Assistant could not finish the authorization code flow${detail ? `: ${detail}` : ''}${nextAuthError ? ` (next-auth: ${nextAuthError})` : ''}.`,
  };
}
