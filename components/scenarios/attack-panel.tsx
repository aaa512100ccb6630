'use client';
import { useCallback, useEffect, useState } from 'react';
import type { AttackInfo } from '@/lib/scenarios/attacks';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One attack: the exact request it will send, as raw HTTP, editable; Send
 * sends it and shows the answer. The request is recorded in the Attacker lane.
 */
export function AttackPanel({ attack }: { attack: AttackInfo }) {
  const [raw, setRaw] = useState('');
  const [needs, setNeeds] = useState<string | undefined>();
  const [answer, setAnswer] = useState<Answer | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setAnswer(undefined);
    setError(undefined);
    const r = await fetch(`/api/runs/current/attacks/${attack.id}`, { cache: 'no-store' });
    const body = (await r.json()) as { raw?: string; needs?: string };
    setRaw(body.raw ?? '');
    setNeeds(body.needs);
  }, [attack.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await fetch(`/api/runs/current/attacks/${attack.id}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ raw }) });
      const body = (await r.json()) as { response?: Answer; detail?: string };
      if (!r.ok || !body.response) setError(body.detail ?? `HTTP ${r.status}`);
      else setAnswer(body.response);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="attack-title" className="rounded-lg border-l-8 border-denied bg-white p-4 shadow-sm dark:border-red-400 dark:bg-slate-900">
      <h2 id="attack-title" className="text-2xl font-semibold">{attack.title}</h2>
      <p className="mt-2 text-lg">{attack.explains}</p>
      {attack.frontChannel ? <p className="mt-1">This one is a link: the panel sends it as the victim’s browser would follow it, with your browser’s cookies.</p> : null}
      {needs ? (
        <p role="status" className="mt-4 rounded bg-amber-50 p-3 dark:bg-amber-950/50">
          Not yet: this attack needs {needs}.{' '}
          <button type="button" className="underline" onClick={() => void load()}>Build the request again</button>
        </p>
      ) : (
        <>
          <label htmlFor="raw-request" className="mt-4 block font-semibold">
            The request it will send (raw HTTP{attack.edit ? `; edit ${attack.edit} to see what changes` : ', editable'})
          </label>
          <textarea
            id="raw-request"
            value={raw}
            onChange={(e) => setRaw(e.target.value)}
            rows={Math.min(16, raw.split('\n').length + 2)}
            spellCheck={false}
            className="mt-1 w-full rounded border-2 border-slate-300 bg-slate-50 p-2 font-mono text-sm break-all dark:border-slate-600 dark:bg-slate-950"
          />
          <p className="text-sm text-slate-600 dark:text-slate-400">The panel adds the X-Sandbox-Run header when it sends, so the parties’ answers land on your timeline.</p>
          <div className="mt-2 flex gap-3">
            <button type="button" disabled={busy} onClick={() => void send()} className="rounded-lg bg-denied px-6 py-2 text-lg font-semibold text-white disabled:opacity-60 dark:bg-red-400 dark:text-slate-950">
              Send
            </button>
            <button type="button" disabled={busy} onClick={() => void load()} className="rounded-lg border-2 border-slate-400 px-4 py-2">
              Build the request again
            </button>
          </div>
        </>
      )}
      {error ? <p role="alert" className="mt-3 text-denied dark:text-red-300">{error}</p> : null}
      {answer ? (
        <div role="region" aria-label="Answer" className="mt-4">
          <h3 className="text-xl font-semibold">Answer: {answer.status}</h3>
          <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-100 p-2 text-sm whitespace-pre-wrap break-all dark:bg-slate-950">
            {[`HTTP/1.1 ${answer.status}`, ...Object.entries(answer.headers).map(([k, v]) => `${k}: ${v}`), '', answer.body].join('\n')}
          </pre>
          <p className="mt-1">
            See it on the <a href="/timeline" className="underline">timeline</a>, in the Attacker lane.
          </p>
        </div>
      ) : null}
    </section>
  );
}
