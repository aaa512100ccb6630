import { HiddenFields } from './hidden-fields';
import { CONSENT_ACTION } from './authorize-http';

/**
 * One checkbox per requested scope, labelled with the scope string and
 * checked by default, its meaning beside it; Allow and Deny. Unchecking
 * grants less than asked (RFC 6749 §3.3). When the user granted this client
 * something before (`grantedBefore`), the scopes beyond it are marked new, so
 * a second consent (incremental authorization) shows what changes.
 */
export function ConsentForm({
  requestId,
  csrfToken,
  scopes,
  grantedBefore,
  meanings,
}: {
  requestId: string;
  csrfToken: string;
  scopes: readonly string[];
  grantedBefore?: readonly string[];
  meanings: Record<string, string>;
}) {
  const isNew = (s: string) => grantedBefore !== undefined && !grantedBefore.includes(s);
  // Asked again: what changes (the new scopes) comes first, full size; what was granted before follows, small,
  // so the point of the step and Allow are on one screen (1280x800).
  const fresh = grantedBefore === undefined ? scopes : scopes.filter(isNew);
  const again = grantedBefore === undefined ? [] : scopes.filter((s) => !isNew(s));
  return (
    <form method="post" action={CONSENT_ACTION}>
      <HiddenFields requestId={requestId} csrfToken={csrfToken} />
      <fieldset>
        <legend className="text-3xl font-semibold">It asks for these scopes</legend>
        <p className="mt-2 text-xl text-slate-700 dark:text-slate-300">
          {grantedBefore !== undefined ? (
            <>
              Marked <strong>new</strong>: beyond what you granted before. Uncheck any you do not want to grant.
            </>
          ) : (
            'Uncheck any you do not want to grant: the client gets only what stays checked.'
          )}
        </p>
        <ul className="mt-4 space-y-3">
          {fresh.map((s) => (
            <li key={s} className="flex items-start gap-4 rounded-lg bg-white p-4 shadow-sm dark:bg-slate-900">
              <ScopeBox scope={s} className="mt-1 h-8 w-8" />
              <div>
                <label htmlFor={`scope-${s}`} className="font-mono text-3xl font-semibold">{s}</label>
                {isNew(s) ? (
                  <span className="ml-3 rounded bg-amber-200 px-2 py-0.5 align-middle text-lg font-semibold text-amber-950 dark:bg-amber-300 dark:text-slate-950">new: not granted before</span>
                ) : null}
                <p id={`meaning-${s}`} className="mt-1 text-xl leading-snug">{meanings[s] ?? s}</p>
              </div>
            </li>
          ))}
        </ul>
        {again.length > 0 ? (
          <>
            <p className="mt-4 text-lg font-semibold">Granted before, asked for again</p>
            <ul className="mt-1 flex flex-wrap gap-2">
              {again.map((s) => (
                <li key={s} className="flex items-center gap-2 rounded-lg bg-white px-3 py-1.5 shadow-sm dark:bg-slate-900">
                  <ScopeBox scope={s} className="h-5 w-5" />
                  <label htmlFor={`scope-${s}`} className="font-mono text-lg font-semibold">{s}</label>
                  <span id={`meaning-${s}`} className="sr-only">{meanings[s] ?? s}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </fieldset>
      <div className="mt-6 flex flex-wrap gap-4">
        <button
          type="submit"
          name="decision"
          value="allow"
          className="rounded-md bg-auth-server px-10 py-4 text-3xl font-semibold text-white hover:opacity-90 focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-400"
        >
          Allow
        </button>
        <button
          type="submit"
          name="decision"
          value="deny"
          className="rounded-md border-4 border-slate-400 bg-white px-10 py-4 text-3xl font-semibold text-slate-800 hover:bg-slate-100 focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-400 dark:bg-slate-900 dark:text-slate-100"
        >
          Deny
        </button>
      </div>
    </form>
  );
}

/** A requested scope's checkbox: checked by default, described by its meaning. */
function ScopeBox({ scope, className }: { scope: string; className: string }) {
  return (
    <input
      type="checkbox"
      id={`scope-${scope}`}
      name="scope"
      value={scope}
      defaultChecked
      aria-describedby={`meaning-${scope}`}
      className={`${className} shrink-0 accent-auth-server`}
    />
  );
}
