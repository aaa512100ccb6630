'use client';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { ACCESS_CHOICES, scopeWithExtra, type AccessChoice } from '@/lib/client-app/scopes';

/**
 * The visitor chooses what Notes Assistant asks for, then next-auth starts the
 * authorization code flow (the scope goes into the authorization request).
 * "Sign in as someone else" adds `prompt=login` (OpenID Connect Core
 * §3.1.2.1): the authorization server asks who is there even when it still
 * remembers a sign-in.
 */
export function SignInForm() {
  const [choice, setChoice] = useState<AccessChoice>('read');
  const [extra, setExtra] = useState('');
  const [busy, setBusy] = useState<false | 'sign-in' | 'someone-else'>(false);
  const start = (who: 'sign-in' | 'someone-else') => {
    setBusy(who);
    const params: Record<string, string> = { scope: scopeWithExtra(ACCESS_CHOICES[choice].scope, extra), ...(who === 'someone-else' ? { prompt: 'login' } : {}) };
    void signIn('sandbox', { callbackUrl: '/client/notes' }, params);
  };
  return (
    <form
      className="mt-4 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        start('sign-in');
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
      <div className="flex flex-wrap items-center gap-4">
        <button
          type="submit"
          disabled={busy !== false}
          className="rounded-lg bg-client px-6 py-3 text-xl font-semibold text-white hover:opacity-90 disabled:opacity-60"
        >
          {busy === 'sign-in' ? 'Going to the authorization server…' : 'Sign in'}
        </button>
        <button
          type="button"
          disabled={busy !== false}
          onClick={() => start('someone-else')}
          className="rounded-lg border-2 border-client bg-white px-6 py-3 text-xl font-semibold text-client disabled:opacity-60"
        >
          {busy === 'someone-else' ? 'Going to the authorization server…' : 'Sign in as someone else'}
        </button>
      </div>
      <p className="text-lg">
        The authorization server remembers who signed in there: <strong>Sign in</strong> may go straight back. <strong>Sign in as
        someone else</strong> asks it to show its sign-in page again (<code className="font-mono">prompt=login</code>).
      </p>
    </form>
  );
}
