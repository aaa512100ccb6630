'use client';
import { signIn, signOut } from 'next-auth/react';
import { useState, type ReactNode } from 'react';

const button = 'rounded-lg px-5 py-2.5 text-lg font-semibold disabled:opacity-60';
const primary = `${button} bg-client text-white`;

/** A button that starts a full-page navigation, disabled once pressed so it is not sent twice. */
function NavigatingButton({ className, go, children }: { className: string; go: () => Promise<unknown>; children: ReactNode }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className={className}
      onClick={() => {
        setBusy(true);
        void go();
      }}
    >
      {children}
    </button>
  );
}

/**
 * Incremental authorization: a new authorization request for what was
 * granted plus the missing scope, with `prompt=consent` so the user is asked
 * again (OpenID Connect Core §3.1.2.1).
 */
export function AskForScopeButton({ scope, label }: { scope: string; label: string }) {
  return (
    <NavigatingButton className={primary} go={() => signIn('sandbox', { callbackUrl: '/client/notes' }, { scope, prompt: 'consent' })}>
      {label}
    </NavigatingButton>
  );
}

export function SignInAgainButton({ scope }: { scope: string }) {
  return (
    <NavigatingButton className={primary} go={() => signIn('sandbox', { callbackUrl: '/client/notes' }, { scope })}>
      Sign in again
    </NavigatingButton>
  );
}

/**
 * Switching user: a new authorization request with `prompt=login` (OpenID
 * Connect Core §3.1.2.1), so the authorization server shows its sign-in page
 * even while it remembers who signed in there.
 */
export function SignInAsSomeoneElseButton({ scope }: { scope: string }) {
  return (
    <NavigatingButton className={`${button} border-2 border-client bg-white text-client`} go={() => signIn('sandbox', { callbackUrl: '/client/notes' }, { scope, prompt: 'login' })}>
      Sign in as someone else
    </NavigatingButton>
  );
}

/** Sign out: next-auth's sign-out, whose signOut event revokes the refresh token (RFC 7009) and forgets the tokens. */
export function SignOutButton() {
  return (
    <NavigatingButton className={`${button} border-2 border-client bg-white text-client`} go={() => signOut({ callbackUrl: '/client?signed_out=1' })}>
      Sign out
    </NavigatingButton>
  );
}
