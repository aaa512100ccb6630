/**
 * The runtime's own fetch, not the one Next patches for caching inside
 * route handlers: the played browser and the attack panel make plain HTTP
 * requests to the sandbox, as a browser or curl would, from inside a request.
 */
export function plainFetch(): typeof fetch {
  const patched = globalThis.fetch as typeof fetch & { _nextOriginalFetch?: typeof fetch };
  return patched._nextOriginalFetch ?? patched;
}
