'use client';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { ACCESS_CHOICES, scopeWithExtra, type AccessChoice } from '@/lib/client-app/scopes';

/**
 * The visitor chooses what Notes Assistant asks for, then next-auth starts the
 * authorization code flow (the scope goes into the authorization request).
 */
export function SignInForm() {
  const [choice, setChoice] = useState<AccessChoice>('read');
  const [extra, setExtra] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="mt-4 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void signIn('sandbox', { callbackUrl: '/client/notes' }, { scope: scopeWithExtra(ACCESS_CHOICES[choice].scope, extra) });
      }}
    >
      <fieldset className="space-y-3">
        <legend className="text-2xl font-semibold">What should Notes Assistant ask for?</legend>
        {(Object.keys(ACCESS_CHOICES) as AccessChoice[]).map((key) => (
          <label key={key} className="flex cursor-pointer items-start gap-3 rounded-lg border-2 border-client/30 bg-white p-4 has-[:checked]:border-client">
            <input
              type="radio"
              name="access"
              value={key}
              checked={choice === key}
              onChange={() => setChoice(key)}
              className="mt-2 size-5 accent-client"
            />
            <span>
              <span className="block text-xl font-semibold">{ACCESS_CHOICES[key].label}</span>
              <span className="block text-lg">{ACCESS_CHOICES[key].explains}</span>
              <span className="block font-mono text-base text-slate-600">scope={ACCESS_CHOICES[key].scope}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="block">
        <span className="block text-xl font-semibold">Also ask for (optional)</span>
        <span className="block text-lg" id="extra-scopes-help">
          Any other scope this run defines, such as one you added in Scopes and rules, separated by spaces. The authorization server refuses a scope it does not know (invalid_scope).
        </span>
        <input
          name="extra-scopes"
          value={extra}
          onChange={(e) => setExtra(e.target.value)}
          aria-describedby="extra-scopes-help"
          placeholder="notes:purge"
          className="mt-1 w-full rounded border-2 border-slate-300 bg-white px-3 py-2 font-mono text-lg"
        />
      </label>
      <button
        type="submit"
        disabled={busy}
        className="rounded-lg bg-client px-6 py-3 text-xl font-semibold text-white hover:opacity-90 disabled:opacity-60"
      >
        {busy ? 'Going to the authorization server…' : 'Sign in'}
      </button>
    </form>
  );
}
