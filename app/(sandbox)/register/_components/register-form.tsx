'use client';

import { useState, type FormEvent } from 'react';
import { snippet, SNIPPET_NAMES, type RegisteredValues, type SnippetId } from './snippets';

interface Props {
  origin: string;
  scopes: readonly string[];
}

type Result = { ok: true; values: RegisteredValues; body: Record<string, unknown> } | { ok: false; error: string; description: string };

const field = 'mt-1 block w-full rounded border border-slate-400 bg-white p-2 font-mono dark:bg-slate-900';

/** The registration request (RFC 7591 §3.1) as a form: it posts JSON to /as/register with this browser's run cookie. */
export function RegisterForm({ origin, scopes }: Props) {
  const [result, setResult] = useState<Result | undefined>();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<SnippetId>('next-auth');

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const metadata = {
      client_name: String(f.get('client_name') ?? '').trim() || undefined,
      redirect_uris: String(f.get('redirect_uris') ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      token_endpoint_auth_method: String(f.get('token_endpoint_auth_method')),
      grant_types: f.getAll('grant_types').map(String),
      scope: f.getAll('scope').map(String).join(' '),
      application_type: String(f.get('application_type')),
    };
    setBusy(true);
    try {
      const res = await fetch('/as/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(metadata) });
      const body = (await res.json()) as Record<string, unknown>;
      if (res.status === 201) {
        setResult({
          ok: true,
          body,
          values: {
            origin,
            client_id: String(body.client_id),
            ...(typeof body.client_secret === 'string' ? { client_secret: body.client_secret } : {}),
            token_endpoint_auth_method: String(body.token_endpoint_auth_method),
            redirect_uris: (body.redirect_uris as string[]) ?? [],
            scope: String(body.scope),
          },
        });
      } else setResult({ ok: false, error: String(body.error), description: String(body.error_description ?? '') });
    } catch {
      setResult({ ok: false, error: 'network_error', description: 'The registration endpoint could not be reached.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mt-6 grid gap-8 lg:grid-cols-2">
      <form onSubmit={submit} className="space-y-4" aria-label="Client registration">
        <label className="block">
          <span className="font-semibold">client_name</span>
          <input name="client_name" className={field} defaultValue="My app" />
        </label>
        <label className="block">
          <span className="font-semibold">redirect_uris</span> <span className="text-sm">(one per line: https, http://127.0.0.1:PORT/..., or this sandbox)</span>
          <textarea name="redirect_uris" rows={3} className={field} defaultValue="http://127.0.0.1:3001/api/auth/callback/sandbox" />
        </label>
        <label className="block">
          <span className="font-semibold">token_endpoint_auth_method</span>
          <select name="token_endpoint_auth_method" className={field} defaultValue="client_secret_basic">
            <option value="client_secret_basic">client_secret_basic (in a header)</option>
            <option value="client_secret_post">client_secret_post (in the body)</option>
            <option value="none">none (public: PKCE only)</option>
          </select>
          <span className="mt-1 block text-sm">
            The first two make a confidential client: it gets a secret, sent in the Authorization header or in the form body. none makes a
            public client, with no secret (PKCE only).
          </span>
        </label>
        <fieldset>
          <legend className="font-semibold">grant_types</legend>
          {['authorization_code', 'refresh_token', 'client_credentials'].map((g) => (
            <label key={g} className="mr-4 inline-flex items-center gap-1 font-mono">
              <input type="checkbox" name="grant_types" value={g} defaultChecked={g !== 'client_credentials'} /> {g}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="font-semibold">scope</legend>
          {scopes.map((s) => (
            <label key={s} className="mr-4 inline-flex items-center gap-1 font-mono">
              <input type="checkbox" name="scope" value={s} defaultChecked /> {s}
            </label>
          ))}
        </fieldset>
        <label className="block">
          <span className="font-semibold">application_type</span>
          <select name="application_type" className={field} defaultValue="web">
            <option value="web">web</option>
            <option value="native">native</option>
          </select>
        </label>
        <button type="submit" disabled={busy} className="rounded bg-auth-server px-4 py-2 font-semibold text-white disabled:opacity-60">
          {busy ? 'Registering…' : 'Register'}
        </button>
      </form>

      <div aria-live="polite">
        {result && !result.ok && (
          <div role="alert" className="rounded border-l-8 border-red-700 bg-white p-4 dark:bg-slate-900">
            <p className="font-semibold">
              Refused: <span className="font-mono">{result.error}</span>
            </p>
            <p>{result.description}</p>
          </div>
        )}
        {result?.ok && (
          <section aria-labelledby="registered" className="rounded border-l-8 border-auth-server bg-white p-4 dark:bg-slate-900">
            <h2 id="registered" className="text-xl font-semibold">Registered (201)</h2>
            <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
              <dt>client_id</dt>
              <dd className="font-mono break-all" data-testid="client-id">{result.values.client_id}</dd>
              <dt>client_secret</dt>
              <dd className="font-mono break-all" data-testid="client-secret">{result.values.client_secret ?? '(public client: none)'}</dd>
            </dl>
            {result.values.client_secret && <p className="mt-1 text-sm">Copy the secret now: the sandbox keeps only its hash.</p>}
            <label className="mt-4 block">
              <span className="font-semibold">Configuration for</span>
              <select className={field} value={shown} onChange={(e) => setShown(e.target.value as SnippetId)}>
                {(Object.keys(SNIPPET_NAMES) as SnippetId[]).map((id) => (
                  <option key={id} value={id}>
                    {SNIPPET_NAMES[id]}
                  </option>
                ))}
              </select>
            </label>
            <pre aria-label={`${SNIPPET_NAMES[shown]} configuration`} className="mt-2 overflow-x-auto rounded bg-slate-100 p-3 text-sm dark:bg-slate-800">
              {snippet(shown, result.values)}
            </pre>
            <details className="mt-2">
              <summary className="cursor-pointer">The registration response as JSON</summary>
              <pre className="overflow-x-auto text-sm">{JSON.stringify(result.body, null, 2)}</pre>
            </details>
          </section>
        )}
      </div>
    </div>
  );
}
