import { HiddenFields } from './hidden-fields';
import { SIGN_IN_ACTION } from './authorize-http';
import { USERS } from '@/lib/auth-server/users';

/**
 * One button per demo user: a plain HTML form that works without
 * JavaScript and with curl (`user=alice`, plus the hidden fields).
 */
export function SignInForm({ requestId, csrfToken }: { requestId: string; csrfToken: string }) {
  return (
    <form method="post" action={SIGN_IN_ACTION} aria-labelledby="who">
      <HiddenFields requestId={requestId} csrfToken={csrfToken} />
      <h2 id="who" className="text-3xl font-semibold">Who are you?</h2>
      <p className="mt-2 text-xl text-slate-700 dark:text-slate-300">
        Pick a demo user. Their role is what the Notes API knows about them; the authorization server only vouches for who they are.
      </p>
      <ul className="mt-6 grid gap-5 md:grid-cols-3">
        {USERS.map((u) => (
          <li key={u.sub} className="flex flex-col rounded-lg bg-white p-5 shadow-sm dark:bg-slate-900">
            <p className="text-3xl font-bold">{u.name}</p>
            <p className="mt-1 text-lg">
              <span className="font-mono">{u.sub}</span> · <span className="font-semibold uppercase tracking-wide text-auth-server dark:text-violet-300">{u.role}</span>
            </p>
            <p id={`role-${u.sub}`} className="mt-3 flex-1 text-xl leading-snug">{u.roleMeaning}</p>
            <button
              type="submit"
              name="user"
              value={u.sub}
              aria-describedby={`role-${u.sub}`}
              className="mt-5 rounded-md bg-auth-server px-5 py-3 text-2xl font-semibold text-white hover:opacity-90 focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-400"
            >
              Sign in as {u.sub}
            </button>
          </li>
        ))}
      </ul>
    </form>
  );
}
