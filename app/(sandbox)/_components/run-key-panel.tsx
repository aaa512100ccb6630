'use client';
import { useState } from 'react';

/**
 * "Your run": what the run id and the run key each allow, and the key itself
 * only on purpose. The key is fetched when asked for (never in the page's
 * HTML, so a projected page or its source does not show it) and hidden again
 * with one press.
 */
export function RunKeyPanel({ runId }: { runId?: string }) {
  const [key, setKey] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  async function show() {
    setError(undefined);
    try {
      const r = await fetch('/api/runs/current/key', { cache: 'no-store', credentials: 'same-origin' });
      const body = (await r.json()) as { key?: string; detail?: string };
      if (!r.ok || !body.key) throw new Error(body.detail ?? `HTTP ${r.status}`);
      setKey(body.key);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The run key could not be read.');
    }
  }

  const code = 'rounded bg-white px-1 font-mono break-all dark:bg-slate-900';
  return (
    <section className="mt-8" aria-labelledby="run">
      <h2 id="run" className="text-xl font-semibold">Your run</h2>
      <p className="mt-1">
        Run id <code className={code}>{runId ?? '(set on your next page load)'}</code>. The id <strong>names</strong> your run: an
        outside client (curl, a script) that sends <code className="font-mono">{`X-Sandbox-Run: ${runId ?? '<run id>'}`}</code> puts
        its protocol requests on your timeline, marked as coming from outside your browser. That is all the id allows, so it is
        safe on a projector.
      </p>
      <p className="mt-1">
        The run key <strong>controls</strong> your run: reading its events, stream and export, changing its settings, resetting
        it, revoking its tokens, rotating keys. Your browser holds it in an httpOnly cookie; an outside tool sends it as{' '}
        <code className="font-mono">X-Sandbox-Run-Key</code>. Keep it to yourself.
      </p>
      <div className="mt-2">
        {key === undefined ? (
          <button type="button" onClick={show} className="rounded border border-slate-500 px-3 py-1 font-semibold">
            Show my run key
          </button>
        ) : (
          <div>
            <button type="button" onClick={() => setKey(undefined)} className="rounded border border-slate-500 px-3 py-1 font-semibold">
              Hide my run key
            </button>
            <p className="mt-2">For your shell (it reads and changes this run):</p>
            <pre aria-label="Your run id and run key" className={`mt-1 whitespace-pre-wrap ${code} p-2`}>
              {`RUN=${runId ?? ''}\nRUN_KEY=${key}`}
            </pre>
          </div>
        )}
        {error && (
          <p role="alert" className="mt-2">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
