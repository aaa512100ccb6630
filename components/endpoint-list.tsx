/** One endpoint of a party: its path (with the method where it matters) and what it is for. */
export type Endpoint = [path: string, what: string];

/** A party page's "Endpoints" section: its heading (labelled by `id`) and the list of paths with what each is for. */
export function EndpointList({ id, endpoints }: { id: string; endpoints: readonly Endpoint[] }) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-xl font-semibold">
        Endpoints
      </h2>
      <ul className="mt-2 space-y-2">
        {endpoints.map(([path, what]) => (
          <li key={path}>
            <code className="font-mono font-semibold">{path}</code>: {what}
          </li>
        ))}
      </ul>
    </section>
  );
}
