'use client';
import { useEffect, useState } from 'react';
import { useDisplayPrefs } from '@/components/timeline/display-prefs';
import type { DecisionCell } from '@/lib/resource-server/decision-table';
import { OFFICE_HOURS_RULE } from '@/lib/scenarios/policy-edit';
import { DecisionTableView } from './decision-table-view';

type Doc = {
  scopes: Record<string, { meaning: string; clients?: string[]; standard?: true }>;
  actions: Record<string, string[]>;
  rules: unknown[];
  table: DecisionCell[];
};
interface Row {
  key: number;
  name: string;
  meaning: string;
  clients: string[];
}

const ACTIONS = ['list', 'read', 'create', 'update', 'delete'] as const;
const CLIENTS = ['notes-assistant', 'cli', 'reporting-service'];
const OFFICE_HOURS = OFFICE_HOURS_RULE;

const box = 'rounded-lg border border-slate-300 bg-white p-5 dark:border-slate-700 dark:bg-slate-900';
const input = 'w-full rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-500 dark:bg-slate-950';
const button = 'rounded border border-slate-500 bg-white px-3 py-1.5 font-semibold hover:bg-slate-100 dark:bg-slate-800 dark:hover:bg-slate-700';

function rowsOf(doc: Doc): Row[] {
  return Object.entries(doc.scopes)
    .filter(([, d]) => !d.standard)
    .map(([name, d], i) => ({ key: i, name, meaning: d.meaning, clients: d.clients ?? [] }));
}

/** Edits the run's policy as a form, sends it as one JSON document, and shows what the server answered. */
export function PolicyEditor({ initial }: { initial: Doc }) {
  useDisplayPrefs(); // dark mode and large type, as chosen on the timeline
  const standard = Object.entries(initial.scopes).filter(([, d]) => d.standard);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(initial));
  const [actions, setActions] = useState<Record<string, string[]>>(initial.actions);
  const [rules, setRules] = useState(() => JSON.stringify(initial.rules, null, 2));
  const [table, setTable] = useState(initial.table);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [busy, setBusy] = useState(false);
  // Busy until hydrated: the form's buttons do nothing before then.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  const names = [...standard.map(([n]) => n), ...rows.map((r) => r.name.trim()).filter(Boolean)];
  const setRow = (key: number, change: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const toggleAction = (action: string, scope: string, on: boolean) =>
    setActions((a) => ({ ...a, [action]: on ? [...(a[action] ?? []), scope] : (a[action] ?? []).filter((s) => s !== scope) }));

  async function save() {
    setMessage(undefined);
    let parsedRules: unknown;
    try {
      parsedRules = JSON.parse(rules);
    } catch {
      setMessage({ text: 'Not saved: rules is not valid JSON.', error: true });
      return;
    }
    const scopes: Record<string, unknown> = {};
    for (const [n, d] of standard) scopes[n] = d;
    for (const r of rows) {
      const name = r.name.trim();
      if (Object.hasOwn(scopes, name)) {
        setMessage({ text: `Not saved: scopes.${name} appears more than once.`, error: true });
        return;
      }
      scopes[name] = { meaning: r.meaning, clients: r.clients };
    }
    const known = new Set(Object.keys(scopes));
    const body = { scopes, actions: Object.fromEntries(ACTIONS.map((a) => [a, (actions[a] ?? []).filter((s) => known.has(s))])), rules: parsedRules };
    setBusy(true);
    try {
      const res = await fetch('/api/runs/current/policy', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
      const answer = (await res.json()) as Doc & { detail?: string };
      if (!res.ok) {
        setMessage({ text: `Not saved: ${answer.detail ?? `HTTP ${res.status}`}`, error: true });
        return;
      }
      setRows(rowsOf(answer));
      setActions(answer.actions);
      setRules(JSON.stringify(answer.rules, null, 2));
      setTable(answer.table);
      setMessage({ text: 'Saved. New authorization requests and Notes API calls of this run use it now.', error: false });
    } catch {
      setMessage({ text: 'Not saved: the sandbox could not be reached.', error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="mt-6 space-y-6"
      aria-label="Scopes and rules"
      aria-busy={!ready}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <section className={box} aria-labelledby="as-scopes">
        <h2 id="as-scopes" className="text-2xl font-semibold">Scopes the authorization server offers</h2>
        <p className="mt-1">The meaning is shown on the consent page. A name is an RFC 6749 §3.3 scope-token: printable ASCII, no spaces or quotes.</p>
        <ul className="mt-3 space-y-1">
          {standard.map(([n, d]) => (
            <li key={n}>
              <span className="font-mono font-semibold">{n}</span> <span className="rounded bg-slate-200 px-1 text-sm dark:bg-slate-800">standard (OpenID Connect): cannot be redefined</span> {d.meaning}
            </li>
          ))}
        </ul>
        <div className="mt-4 space-y-3">
          {rows.map((r) => (
            <fieldset key={r.key} className="grid gap-2 rounded border border-slate-300 p-3 md:grid-cols-[14rem_1fr] dark:border-slate-700">
              <legend className="sr-only">Scope {r.name || '(new)'}</legend>
              <label>
                <span className="block text-sm font-semibold">Scope name</span>
                <input className={`${input} font-mono`} value={r.name} onChange={(e) => setRow(r.key, { name: e.target.value })} />
              </label>
              <label>
                <span className="block text-sm font-semibold">Meaning{r.name ? ` of ${r.name}` : ''}</span>
                <input className={input} value={r.meaning} onChange={(e) => setRow(r.key, { meaning: e.target.value })} />
              </label>
              <div className="flex flex-wrap items-center gap-x-4 gap-y-1 md:col-span-2">
                <span className="text-sm font-semibold">Clients that may ask for it:</span>
                {CLIENTS.map((c) => (
                  <label key={c} className="flex items-center gap-1 font-mono text-sm">
                    <input type="checkbox" checked={r.clients.includes(c)} onChange={(e) => setRow(r.key, { clients: e.target.checked ? [...r.clients, c] : r.clients.filter((x) => x !== c) })} />
                    {c}
                  </label>
                ))}
                <button type="button" className={`${button} ml-auto text-sm`} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                  Remove {r.name || 'this scope'}
                </button>
              </div>
            </fieldset>
          ))}
          <button type="button" className={button} onClick={() => setRows((rs) => [...rs, { key: Math.max(-1, ...rs.map((x) => x.key)) + 1, name: '', meaning: '', clients: ['notes-assistant', 'cli'] }])}>
            Add a scope
          </button>
        </div>
      </section>

      <section className={box} aria-labelledby="rs-actions">
        <h2 id="rs-actions" className="text-2xl font-semibold">What each Notes API action needs</h2>
        <p className="mt-1">Any one of the checked scopes lets the action through; without one the Notes API answers 403 insufficient_scope naming them (RFC 6750 §3.1).</p>
        <div className="mt-3 space-y-2">
          {ACTIONS.map((a) => (
            <fieldset key={a} className="flex flex-wrap items-center gap-x-4 gap-y-1">
              <legend className="w-24 font-mono font-semibold">{a}</legend>
              {names.map((s) => (
                <label key={s} className="flex items-center gap-1 font-mono text-sm">
                  <input type="checkbox" aria-label={`${a} needs ${s}`} checked={(actions[a] ?? []).includes(s)} onChange={(e) => toggleAction(a, s, e.target.checked)} />
                  {s}
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      </section>

      <section className={box} aria-labelledby="rs-rules">
        <h2 id="rs-rules" className="text-2xl font-semibold">The run’s rules</h2>
        <p className="mt-1">
          After scope, role (a viewer lists and reads; an editor and an admin also write) and the note’s own conditions (owner, sharing, archived, public), a rule may still refuse.
          Shape: <code className="font-mono text-sm">{'{"id", "says", "actions": [...], "roles"?: [...], "scopes"?: [...], "note"?: {"relation", "archived", "public"}, "clock"?: {"outside_hours": [9, 17]}}'}</code>.
        </p>
        <label className="mt-3 block">
          <span className="block font-semibold">Rules (JSON)</span>
          <textarea className={`${input} font-mono text-sm`} rows={8} value={rules} onChange={(e) => setRules(e.target.value)} spellCheck={false} />
        </label>
        <button
          type="button"
          className={`${button} mt-2`}
          onClick={() => {
            try {
              const list = JSON.parse(rules) as unknown[];
              setRules(JSON.stringify([...(Array.isArray(list) ? list : []), OFFICE_HOURS], null, 2));
            } catch {
              setRules(JSON.stringify([OFFICE_HOURS], null, 2));
            }
          }}
        >
          Add the office-hours rule
        </button>
      </section>

      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={busy} className="rounded bg-sandbox px-6 py-2 text-lg font-semibold text-white hover:opacity-90 disabled:opacity-60 dark:bg-slate-200 dark:text-slate-950">
          {busy ? 'Saving…' : 'Save scopes and rules'}
        </button>
        <p role={message?.error ? 'alert' : 'status'} className={message?.error ? 'font-semibold text-denied dark:text-red-300' : 'text-ok dark:text-green-300'}>
          {message?.text}
        </p>
      </div>

      <section className={box} aria-labelledby="table">
        <h2 id="table" className="text-2xl font-semibold">The resulting table (as saved)</h2>
        <div className="mt-3 overflow-x-auto">
          <DecisionTableView table={table} />
        </div>
      </section>
    </form>
  );
}
