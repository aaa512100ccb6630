import type { HttpMessage } from '@/lib/timeline/events';
import { formBodyLines, headerLines, prettyBody, secretJsonFields, type MessageLine } from '@/lib/timeline/format';
import { SecretMark } from './secret-mark';

function Lines({ lines, label }: { lines: MessageLine[]; label: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-[minmax(6rem,max-content)_1fr] gap-x-3 font-mono text-sm">
      {lines.map((l, i) => (
        <div key={`${l.name}-${i}`} className="contents">
          <dt className="text-slate-600 dark:text-slate-400">
            {l.name}
            {l.secret && <SecretMark />}
          </dt>
          <dd className={`break-all ${l.secret ? 'bg-amber-50 dark:bg-amber-950/50' : ''}`}>{l.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One raw HTTP message: start line, headers and body, with the demo secrets marked. */
export function HttpMessageView({ title, message }: { title: 'Request' | 'Response'; message: HttpMessage }) {
  const form = formBodyLines(message);
  const jsonSecrets = secretJsonFields(message);
  const start = title === 'Request' ? `${message.method ?? ''} ${message.url ?? ''}` : `HTTP ${message.status ?? ''}`;
  return (
    <section aria-label={`HTTP ${title.toLowerCase()}`} className="rounded border border-slate-300 p-3 dark:border-slate-700">
      <h4 className="font-semibold">{title}</h4>
      <p className="mb-2 font-mono text-sm font-semibold break-all">{start}</p>
      <Lines lines={headerLines(message)} label={`${title} headers`} />
      {message.body !== undefined && (
        <div className="mt-2">
          <p className="text-sm font-semibold">
            Body
            {jsonSecrets.length > 0 && (
              <span className="font-normal">
                {' '}
                (secrets: {jsonSecrets.join(', ')}
                <SecretMark />)
              </span>
            )}
          </p>
          {form ? (
            <Lines lines={form} label={`${title} body fields`} />
          ) : (
            <pre className="max-h-80 overflow-auto rounded bg-slate-100 p-2 font-mono text-sm whitespace-pre-wrap break-all dark:bg-slate-900">{prettyBody(message.body)}</pre>
          )}
        </div>
      )}
    </section>
  );
}
