/**
 * A party's published metadata, readable: one row per member, lists as
 * lists, URLs as links; the raw JSON (as served) a click away.
 */
export function MetadataView({ metadata, rawUrl, label }: { metadata: Record<string, unknown>; rawUrl: string; label: string }) {
  return (
    <div>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[minmax(0,18rem)_minmax(0,1fr)]">
        {Object.entries(metadata).map(([key, value]) => (
          <div key={key} className="contents">
            <dt className="font-mono text-sm font-semibold">
              <MetadataKey name={key} />
            </dt>
            <dd className="break-all">
              <MetadataValue value={value} />
            </dd>
          </div>
        ))}
      </dl>
      <details className="mt-4 rounded border border-slate-300 p-2 dark:border-slate-700">
        <summary className="cursor-pointer font-semibold">{label}: the raw JSON</summary>
        <p className="mt-2 text-sm">
          As served at{' '}
          <a className="font-mono underline" href={rawUrl}>
            {rawUrl}
          </a>
        </p>
        <pre className="mt-2 overflow-auto rounded bg-slate-100 p-3 font-mono dark:bg-slate-800 text-sm">{JSON.stringify(metadata, null, 2)}</pre>
      </details>
    </div>
  );
}

/** A member name that may wrap only after an underscore, between its words: never in the middle of a word. */
function MetadataKey({ name }: { name: string }) {
  const words = name.split('_');
  return words.map((w, i) => (i < words.length - 1 ? [w, '_', <wbr key={i} />] : w));
}

function MetadataValue({ value }: { value: unknown }) {
  if (Array.isArray(value))
    return (
      <ul className="flex flex-wrap gap-2">
        {value.map((v) => (
          <li key={String(v)} className="rounded bg-slate-100 px-1.5 font-mono dark:bg-slate-800 text-sm">
            {String(v)}
          </li>
        ))}
      </ul>
    );
  if (typeof value === 'string' && /^https?:\/\//.test(value))
    return (
      <a className="font-mono text-sm underline" href={value}>
        {value}
      </a>
    );
  // A string reads as itself, like the lists' items and the links; other values (true, a number) as JSON.
  return <span className="font-mono text-sm">{typeof value === 'string' ? value : JSON.stringify(value)}</span>;
}
