'use client';
import { signIn, signOut } from 'next-auth/react';
import { useState } from 'react';

const button = 'rounded-lg px-5 py-2.5 text-lg font-semibold disabled:opacity-60';

/**
 * Incremental authorization: a new authorization request for what was
 * granted plus the missing scope, with `prompt=consent` so the user is asked
 * again (OpenID Connect Core §3.1.2.1).
 */
export function AskForScopeButton({ scope, label }: { scope: string; label: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className={`${button} bg-client text-white`}
      onClick={() => {
        setBusy(true);
        void signIn('sandbox', { callbackUrl: '/client/notes' }, { scope, prompt: 'consent' });
      }}
    >
      {label}
    </button>
  );
}

export function SignInAgainButton({ scope }: { scope: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className={`${button} bg-client text-white`}
      onClick={() => {
        setBusy(true);
        void signIn('sandbox', { callbackUrl: '/client/notes' }, { scope });
      }}
    >
      Sign in again
    </button>
  );
}

/** Sign out: next-auth's sign-out, whose signOut event revokes the refresh token (RFC 7009) and forgets the tokens. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className={`${button} border-2 border-client bg-white text-client`}
      onClick={() => {
        setBusy(true);
        void signOut({ callbackUrl: '/client?signed_out=1' });
      }}
    >
      Sign out
    </button>
  );
}
