'use client';
import { useState } from 'react';
import type { TokenView } from '@/lib/timeline/events';
import { decodeTokenView, TOKEN_KIND_LABEL } from '@/lib/timeline/token-view';
import { safeJson } from '@/lib/timeline/safe-format';
import { SecretMark } from './secret-mark';

/** A token decoded beside its raw string: header, claims (times readable, scope split) and signature. */
export function TokenCard({ token, nowSeconds, onRevoke }: { token: TokenView; nowSeconds: number; onRevoke?: (raw: string) => Promise<string> }) {
  const t = decodeTokenView(token, nowSeconds);
  const [revoked, setRevoked] = useState<string | undefined>();
  const revocable = onRevoke && (t.kind === 'access_token' || t.kind === 'refresh_token');
  const label = `${TOKEN_KIND_LABEL[t.kind]} (${t.format === 'jwt' ? 'JWT' : 'opaque'})`;
  return (
    <section aria-label={label} className="rounded border border-slate-300 p-3 dark:border-slate-700">
      <h4 className="font-semibold">
        {label}
        <SecretMark />
      </h4>
      {revocable && (
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
          <button
            type="button"
            className="rounded border border-slate-400 px-2 py-0.5 hover:bg-slate-100 dark:hover:bg-slate-800"
            onClick={() => onRevoke(token.raw).then(setRevoked, (e: unknown) => setRevoked(e instanceof Error ? e.message : String(e)))}
          >
            Revoke this token
          </button>
          <span role="status">{revoked}</span>
        </p>
      )}
      <div className="mt-2 grid gap-3 lg:grid-cols-2">
        <div>
          <p className="text-sm font-semibold">Raw</p>
          <p className="rounded bg-slate-100 p-2 font-mono text-xs break-all dark:bg-slate-900">
            {t.format === 'jwt' ? (
              <>
                <span className="text-rose-700 dark:text-rose-300">{token.raw.split('.')[0]}</span>.
                <span className="text-violet-700 dark:text-violet-300">{token.raw.split('.')[1]}</span>.
                <span className="text-sky-700 dark:text-sky-300">{token.raw.split('.')[2]}</span>
              </>
            ) : (
              token.raw
            )}
          </p>
          {t.format === 'opaque' && (
            <p className="mt-1 text-sm">An opaque string: it means nothing to the resource server, which must ask the authorization server (introspection).</p>
          )}
        </div>
        {t.format === 'jwt' && (
          <div className="min-w-0">
            <p className="text-sm font-semibold text-rose-700 dark:text-rose-300">Header</p>
            <pre className="overflow-auto rounded bg-slate-100 p-2 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere] dark:bg-slate-900">{safeJson(t.header)}</pre>
            <p className="mt-2 text-sm font-semibold text-violet-700 dark:text-violet-300">Payload</p>
            <table className="w-full font-mono text-xs">
              <tbody>
                {t.claims.map((c) => (
                  <tr key={c.name} className="border-t border-slate-200 align-top dark:border-slate-800">
                    <th scope="row" className="py-0.5 pr-2 text-left font-semibold">{c.name}</th>
                    <td className="py-0.5 break-all">
                      {c.value}
                      {c.time && (
                        <span className="block font-sans text-slate-700 dark:text-slate-300">
                          {c.time.iso} ({c.time.relative})
                        </span>
                      )}
                      {c.scopes && (
                        <ul aria-label="scope parts" className="mt-0.5 flex flex-wrap gap-1 font-sans">
                          {c.scopes.map((s) => (
                            <li key={s} className="rounded bg-slate-200 px-1.5 dark:bg-slate-800">{s}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-2 text-sm font-semibold text-sky-700 dark:text-sky-300">Signature</p>
            <p className="font-mono text-xs break-all">{t.signature}</p>
            <p className="text-xs text-slate-600 dark:text-slate-400">Decoded here, not verified: the resource server’s checklist says whether it verified.</p>
          </div>
        )}
      </div>
    </section>
  );
}
