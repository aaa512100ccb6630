import type { DecisionCell } from '@/lib/resource-server/decision-table';

const ASKER_WORDS: Record<string, string> = { viewer: 'viewer (bob)', editor: 'editor (alice)', admin: 'admin (carol)', service: 'service (no user)' };
const ACTIONS = ['list', 'read', 'create', 'update', 'delete'] as const;

/** For each role and action, which scopes allow it: what the Notes API's policy adds up to. */
export function DecisionTableView({ table }: { table: readonly DecisionCell[] }) {
  const askers = [...new Set(table.map((c) => c.asker))];
  return (
    <table className="w-full border-collapse text-left">
      <caption className="mb-2 text-left">
        A cell lists the scopes any one of which lets the request through the scope step. “never” names what refuses it whatever the token holds; “unless” names rules that may refuse it depending on the note or the clock.
      </caption>
      <thead>
        <tr>
          <th scope="col" className="border-b-2 border-slate-400 py-1 pr-3">Who asks</th>
          {ACTIONS.map((a) => (
            <th key={a} scope="col" className="border-b-2 border-slate-400 px-2 py-1 font-mono">{a}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {askers.map((asker) => (
          <tr key={asker} className="border-b border-slate-300 align-top dark:border-slate-700">
            <th scope="row" className="py-2 pr-3 font-semibold">{ASKER_WORDS[asker] ?? asker}</th>
            {ACTIONS.map((action) => {
              const c = table.find((x) => x.asker === asker && x.action === action);
              return (
                <td key={action} className="px-2 py-2" data-cell={`${asker}-${action}`}>
                  {c && c.scopes.length > 0 ? (
                    <span className="font-mono">{c.scopes.join(' or ')}</span>
                  ) : (
                    <span className="text-denied dark:text-red-300">never{c?.never ? ` (${c.never})` : ''}</span>
                  )}
                  {c && c.unless.length > 0 ? <span className="block text-sm">unless {c.unless.join(', ')}</span> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
