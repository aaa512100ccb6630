'use client';
import { useEffect, useState, type ReactNode } from 'react';
import { offsetToTimeOfDay, runTimeOfDay } from '@/lib/runs/clock';
import type { RunSettings } from '@/lib/runs/settings';
import { runApi } from './run-api-client';
import { FailureControls } from './failure-controls';

const button =
  'rounded border border-slate-400 bg-white px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-500 dark:bg-slate-900 dark:hover:bg-slate-800';
const field = 'rounded border border-slate-400 bg-white px-1 py-0.5 dark:border-slate-500 dark:bg-slate-900';

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="min-w-0 rounded border border-slate-300 p-2 dark:border-slate-700">
      <legend className="px-1 text-sm font-semibold">{title}</legend>
      <div className="flex flex-wrap items-center gap-2">{children}</div>
    </fieldset>
  );
}

/** The run clock's state in words, so it never reads like one of the buttons beside it. */
export function offsetText(s: number): string {
  if (s === 0) return 'at the real time';
  const abs = Math.abs(s);
  const text = abs % 3600 === 0 ? `${abs / 3600} h` : abs % 60 === 0 ? `${abs / 60} min` : `${abs} s`;
  return `${text} ${s > 0 ? 'ahead' : 'behind'}`;
}

interface RunControlsProps {
  settings: RunSettings;
  onSettings: (s: RunSettings) => void;
  /** After a reset: the timeline loads again from an empty run. */
  onReset: () => void;
  onImport: (text: string) => Promise<void>;
}

/**
 * The run's controls: how the resource server verifies tokens, the token
 * format, signature algorithm and lifetime, the run's clock, key rotation, reset, export and
 * import. Each change lands on the timeline as an event.
 */
export function RunControls({ settings, onSettings, onReset, onImport }: RunControlsProps) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const [ttl, setTtl] = useState(String(settings.accessTokenTtl));
  const [timeOfDay, setTimeOfDay] = useState('22:00');
  useEffect(() => setTtl(String(settings.accessTokenTtl)), [settings.accessTokenTtl]);
  // The browser's wall time, read after hydration (the server's render would differ) and again every 15 s, for the run's time of day.
  const [wallMs, setWallMs] = useState<number | undefined>();
  useEffect(() => {
    setWallMs(Date.now());
    const t = setInterval(() => setWallMs(Date.now()), 15_000);
    return () => clearInterval(t);
  }, [settings.clockOffset]);

  const act = async (what: string, f: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await f();
      setMessage({ text: what, error: false });
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      setBusy(false);
    }
  };
  const patch = (what: string, update: Partial<RunSettings>) =>
    act(what, async () => {
      const r = await runApi.patch(update);
      onSettings(r.settings);
      setTtl(String(r.settings.accessTokenTtl));
    });

  return (
    <section aria-label="Run controls" className="grid grid-cols-[repeat(auto-fit,minmax(20rem,1fr))] gap-2">
      <Group title="Tokens">
        <label className="flex items-center gap-1 text-sm">
          Resource server verifies
          <select
            className={field}
            value={settings.verificationMode}
            disabled={busy}
            onChange={(e) => patch('Verification mode changed', { verificationMode: e.target.value as RunSettings['verificationMode'] })}
          >
            <option value="local">{settings.accessTokenFormat === 'opaque' ? 'locally for JWTs (opaque tokens: by introspection)' : 'locally (JWT signature)'}</option>
            <option value="introspection">by introspection</option>
          </select>
        </label>
        {settings.accessTokenFormat === 'opaque' && settings.verificationMode === 'local' ? (
          // An opaque token carries nothing to verify (RFC 7662 §1): the resource server must ask.
          <p className="basis-full text-sm font-semibold" data-testid="effective-verification">
            Access tokens are opaque: the resource server cannot verify them locally and introspects each one.
          </p>
        ) : null}
        <label className="flex items-center gap-1 text-sm">
          Access token format
          <select
            className={field}
            value={settings.accessTokenFormat}
            disabled={busy}
            onChange={(e) => patch('Token format changed', { accessTokenFormat: e.target.value as RunSettings['accessTokenFormat'] })}
          >
            <option value="jwt">JWT</option>
            <option value="opaque">opaque</option>
          </select>
        </label>
        <label className="flex items-center gap-1 text-sm">
          Access token signature
          <select
            className={field}
            value={settings.accessTokenAlg}
            disabled={busy}
            onChange={(e) => patch('Access token signature changed', { accessTokenAlg: e.target.value as RunSettings['accessTokenAlg'] })}
          >
            <option value="ES256">ES256</option>
            <option value="RS256">RS256</option>
          </select>
        </label>
        <form
          className="flex items-center gap-1 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            void patch('Access token lifetime changed', { accessTokenTtl: Number(ttl) });
          }}
        >
          <label className="flex items-center gap-1">
            Access token lifetime (s)
            <input className={`${field} w-20`} type="number" min={1} value={ttl} onChange={(e) => setTtl(e.target.value)} />
          </label>
          <button type="submit" className={button} disabled={busy}>
            Set lifetime
          </button>
        </form>
      </Group>
      <Group title="Run clock">
        <p className="basis-full text-sm">
          The run’s clock is <strong aria-label="Clock offset">{offsetText(settings.clockOffset)}</strong>
          {wallMs !== undefined ? (
            <>
              : it reads <strong aria-label="Run time">{runTimeOfDay(wallMs, settings.clockOffset)} UTC</strong>
            </>
          ) : null}
        </p>
        <button type="button" className={button} disabled={busy} onClick={() => patch('Clock moved 5 minutes ahead', { clockOffset: settings.clockOffset + 300 })}>
          Jump 5 min ahead
        </button>
        <button type="button" className={button} disabled={busy} onClick={() => patch('Clock moved 1 hour ahead', { clockOffset: settings.clockOffset + 3600 })}>
          Jump 1 h ahead
        </button>
        <button type="button" className={button} disabled={busy || settings.clockOffset === 0} onClick={() => patch('Clock back to now', { clockOffset: 0 })}>
          Back to now
        </button>
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            // A rule on the run's clock (office hours) is shown by moving the clock to a time of day, forward only.
            void patch(`Clock set to ${timeOfDay} UTC`, { clockOffset: offsetToTimeOfDay(Date.now(), settings.clockOffset, timeOfDay) });
          }}
        >
          <label className="flex items-center gap-1 text-sm">
            Time of day (UTC)
            {/* A 24-hour text field, not type=time: browsers show that in the locale's form ("10:00 PM"), while the README and the scenarios say 22:00 UTC. */}
            <input
              type="text"
              required
              inputMode="numeric"
              pattern="([01][0-9]|2[0-3]):[0-5][0-9]"
              placeholder="HH:MM"
              title="24-hour time, HH:MM"
              size={5}
              className={`${field} font-mono`}
              value={timeOfDay}
              onChange={(e) => setTimeOfDay(e.target.value)}
            />
          </label>
          <button type="submit" className={button} disabled={busy}>
            Set the clock
          </button>
        </form>
      </Group>
      <Group title="Authorization server">
        <button type="button" className={button} disabled={busy} onClick={() => act('Signing key rotated', () => runApi.rotateKey())}>
          Rotate signing key
        </button>
      </Group>
      <FailureControls busy={busy} act={act} />
      <Group title="This run">
        <button
          type="button"
          className={button}
          disabled={busy}
          onClick={() => {
            if (!window.confirm('Reset the run? Every code, token, consent and event of this run is deleted.')) return;
            void act('Run reset', async () => {
              const r = await runApi.reset();
              onSettings(r.settings);
              setTtl(String(r.settings.accessTokenTtl));
              onReset();
            });
          }}
        >
          Reset run
        </button>
        <a className={button} href="/timeline/scopes">
          Scopes and rules
        </a>
        <a className={button} href="/api/runs/current/export" download>
          Export run (JSON)
        </a>
        <label className={`${button} cursor-pointer`}>
          Open exported run…
          <input
            type="file"
            accept="application/json,.json"
            className="sr-only"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void act('Opened an exported run (read only)', async () => onImport(await file.text()));
            }}
          />
        </label>
      </Group>
      <p role={message?.error ? 'alert' : 'status'} className={`col-span-full text-sm ${message?.error ? 'font-semibold text-denied dark:text-red-300' : ''}`}>
        {message?.text}
      </p>
    </section>
  );
}
