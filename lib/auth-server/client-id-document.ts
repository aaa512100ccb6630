import 'server-only';
import { readBodyAtMost } from '@/lib/http/body-limit';
import { isOAuthError } from '@/lib/oauth/errors';
import { parseScope } from '@/lib/oauth/scopes';
import type { Clock } from '@/lib/runs/clock';
import type { EventInput } from '@/lib/timeline/events';
import { hasLoopbackRedirect, validateClientMetadata } from './client-metadata';
import type { RegisteredClient } from './clients';
import { DEFAULT_SCOPE_DEFINITIONS, scopesSupported } from './scope-definitions';

/**
 * Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document):
 * a client_id that is an https URL names a JSON document describing the
 * client. The authorization server fetches it (no redirects, a short
 * timeout, at most 5 KB), requires its client_id to equal the URL, and uses
 * its redirect_uris. There is no shared secret: such a client is public
 * (token_endpoint_auth_method none). A sandbox on a laptop cannot demand
 * https from a client running beside it, so http is accepted for loopback
 * hosts and the sandbox's own origin, and for nothing else: no other
 * address is ever fetched over http.
 *
 * @see https://datatracker.ietf.org/doc/draft-ietf-oauth-client-id-metadata-document/
 */

const DOCUMENT_TIMEOUT_MS = 3000;
/** The draft's §6 suggests 5 kilobytes. */
const DOCUMENT_MAX_BYTES = 5 * 1024;
/** How long a fetched document is used before it is fetched again. */
export const DOCUMENT_CACHE_SECONDS = 60;
/** How long the protocol steps may go on using a document fetched for a request in progress (the pending request's life). */
const DOCUMENT_KEEP_SECONDS = 15 * 60;
const MAX_ENTRIES = 500;
/** The scopes a document may claim: the default run's (see fetchDocument). */
const DOCUMENT_SCOPES = scopesSupported(DEFAULT_SCOPE_DEFINITIONS);

/** What the authorization server fetched, for the consent page and the timeline. */
export interface FetchedDocument {
  url: string;
  fetched_at: number;
  /** The document as the client published it: every claim in it is self-asserted. */
  document: Record<string, unknown>;
}

type Entry = { at: number; fetch?: DocumentFetch } & ({ client: RegisteredClient; problem?: undefined } | { client?: undefined; problem: string });

/** One fetch of a document as it crossed the wire, for the timeline. */
interface DocumentFetch {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

const globalCache = globalThis as typeof globalThis & { __clientIdDocuments?: Map<string, Entry> };
const cache = (globalCache.__clientIdDocuments ??= new Map());

/** Whether a client_id is meant as a document URL (it starts with a scheme). */
function isClientIdUrl(clientId: string): boolean {
  return /^https?:\/\//i.test(clientId);
}

const LOOPBACK_HOSTS = ['127.0.0.1', '[::1]', 'localhost'];

/** A `.` or `..` path segment, also percent-encoded (%2e), after a `/` (or a `\\`, which the URL parser reads as `/`). */
const DOT_SEGMENT = /[/\\](\.|%2e){1,2}(?=[/\\]|$)/i;

/** Why this URL may not be fetched as a client ID, or undefined when it may (draft §3, and the sandbox's http rule). */
export function clientIdUrlProblem(clientId: string, origin: string): string | undefined {
  if (!URL.canParse(clientId)) return `client_id ${clientId} is not a valid URL`;
  const url = new URL(clientId);
  if (url.hash || clientId.includes('#')) return 'a client ID URL must not contain a fragment';
  if (url.username || url.password) return 'a client ID URL must not contain a username or password';
  // Draft §3 forbids . and .. segments; the URL parser removes them (also as %2e) from url.pathname, so look at the URL as
  // written, up to its query (a fragment is refused above; a host named "." or ".." is refused with them, which loses nothing).
  if (DOT_SEGMENT.test(clientId.split('?')[0]!)) return 'a client ID URL must not contain . or .. path segments';
  // An http(s) URL's parsed path is never empty: "/" is the URL without a path.
  if (url.pathname === '/') return 'a client ID URL must have a path (e.g. https://app.example/client.json)';
  if (url.protocol === 'https:') return undefined;
  if (url.origin === origin || LOOPBACK_HOSTS.includes(url.hostname)) return undefined;
  return `http is accepted only for loopback hosts (127.0.0.1, [::1], localhost) and the sandbox itself (${origin}); ${url.host} must serve its document over https`;
}

/** Fetches and checks one document: the client it describes, or why it is refused. */
async function fetchDocument(url: string, origin: string, now: number, fetchImpl: typeof fetch): Promise<Entry> {
  const wire: DocumentFetch = {};
  const fail = (problem: string): Entry => ({ at: now, fetch: wire, problem: `client ID metadata document ${url} refused: ${problem}` });
  let res: Response;
  try {
    res = await fetchImpl(url, { redirect: 'manual', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(DOCUMENT_TIMEOUT_MS) });
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    return fail(timedOut ? `no answer within ${DOCUMENT_TIMEOUT_MS / 1000} s` : 'the server could not be reached');
  }
  wire.status = res.status;
  wire.headers = Object.fromEntries(res.headers.entries());
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    return fail(`it answered ${res.status}, a redirect: the document must be served at the client_id URL itself (redirects are not followed)`);
  }
  if (res.status !== 200) {
    await res.body?.cancel();
    return fail(`it answered ${res.status}, not 200`);
  }
  let text: string | undefined;
  try {
    text = await readBodyAtMost(res, DOCUMENT_MAX_BYTES);
  } catch {
    return fail(`no complete answer within ${DOCUMENT_TIMEOUT_MS / 1000} s`);
  }
  if (text === undefined) return fail(`it is larger than ${DOCUMENT_MAX_BYTES} bytes`);
  wire.body = text;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail('it is not JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail('it is not a JSON object');
  const claims = doc as Record<string, unknown>;
  // Draft §4.1: the document's client_id MUST equal the URL it was fetched from, character for character.
  if (claims.client_id !== url) return fail(`its client_id ${JSON.stringify(claims.client_id)} is not the URL it was fetched from`);
  // Draft §4.1: no shared secret in a public document.
  if ('client_secret' in claims || 'client_secret_expires_at' in claims) return fail('it contains a client_secret: a published document has no shared secret');
  const method = claims.token_endpoint_auth_method ?? 'none';
  if (method !== 'none') return fail(`token_endpoint_auth_method ${JSON.stringify(method)}: a client identified by a document is public here (none)`);
  let metadata;
  try {
    // The cache is every run's, so a document is checked against the default scopes; each run then offers the client only the scopes it defines (allowedScopes).
    metadata = validateClientMetadata({ ...claims, token_endpoint_auth_method: 'none' }, origin, DOCUMENT_SCOPES);
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: equivalent, validateClientMetadata throws only OAuthErrors; the rethrow below is for a bug
    if (isOAuthError(e)) return fail(e.description);
    throw e;
  }
  const fetched: FetchedDocument = { url, fetched_at: now, document: claims };
  const client: RegisteredClient = {
    client_id: url,
    client_name: metadata.client_name ?? new URL(url).host,
    token_endpoint_auth_methods: ['none'],
    grant_types: metadata.grant_types,
    redirect_uris: metadata.redirect_uris,
    loopback_any_port: hasLoopbackRedirect(metadata),
    // Stryker disable next-line LogicalOperator,ArrayDeclaration: equivalent, metadata.scope was validated, so parseScope never returns null here
    scopes: parseScope(metadata.scope) ?? [],
    description: `Described by its client ID metadata document at ${url} (self-asserted).`,
    metadata_document: fetched,
  };
  return { at: now, fetch: wire, client };
}

interface DocumentDeps {
  origin: string;
  clock: Clock;
  fetch?: typeof fetch;
  /** Where the `client_id_document.fetched` event goes (the route records it after the step's own first event). */
  record?: (event: EventInput) => void;
}

/**
 * The timeline's view of one resolution: what was fetched (or taken from
 * the cache), its status, what the document claimed, or why it was refused.
 * A fetch is drawn as the authorization server's request to the client's
 * host (Authorization server → Client); a cache hit or a URL never fetched
 * is a mark on the authorization server's lifeline.
 */
function documentEvent(url: string, entry: Entry, source: 'fetched' | 'cache' | 'not fetched', now: number): EventInput {
  // Stryker disable next-line OptionalChaining: equivalent, every client in the cache was built from a fetched document (fetchDocument)
  const claims = entry.client?.metadata_document?.document;
  const data = { url, cache: source === 'cache' ? 'hit' : 'miss', ...(entry.fetch?.status !== undefined ? { status: entry.fetch.status } : {}), ...(claims ? { claims } : {}), ...(entry.problem ? { problem: entry.problem } : {}), ...(source === 'cache' ? { age_seconds: now - entry.at } : {}) };
  const name = entry.client ? `${entry.client.client_name} (self-asserted)` : undefined;
  const base = { type: 'client_id_document.fetched' as const, outcome: entry.client ? ('ok' as const) : ('denied' as const), data };
  if (source === 'cache')
    return { ...base, from: 'auth-server', to: 'auth-server', summary: `Client ID metadata document from the cache (fetched ${now - entry.at} s ago): ${name}` };
  if (source === 'not fetched') return { ...base, from: 'auth-server', to: 'auth-server', summary: `Client ID metadata document not fetched: ${entry.problem}` };
  return {
    ...base,
    from: 'auth-server',
    to: 'client',
    summary: entry.client ? `Fetched the client ID metadata document ${url}: ${name}` : `Client ID metadata document ${entry.problem?.replace(/^client ID metadata document \S+ /, '')}`,
    http: {
      request: { method: 'GET', url, headers: { accept: 'application/json' } },
      // Stryker disable next-line OptionalChaining: equivalent, a fetched entry always carries its fetch (fetchDocument)
      ...(entry.fetch?.status !== undefined ? { response: { status: entry.fetch.status, headers: entry.fetch.headers ?? {}, ...(entry.fetch.body ? { body: entry.fetch.body } : {}) } } : {}),
    },
  };
}

/**
 * Makes sure the registry knows the client a URL client_id names: fetches
 * its document unless one fetched in the last DOCUMENT_CACHE_SECONDS is at
 * hand. A refusal is kept only until the next request, so the
 * authorization endpoint can say why. Does nothing for a client_id that is
 * not a URL. Hands `deps.record` one `client_id_document.fetched` event:
 * fetched (with the raw exchange), taken from the cache, or not fetched.
 */
export async function resolveClientIdDocument(clientId: string | undefined, deps: DocumentDeps): Promise<void> {
  // Stryker disable next-line ConditionalExpression: equivalent, isClientIdUrl(undefined) is false too (the check is there for the type)
  if (clientId === undefined || !isClientIdUrl(clientId)) return;
  const now = deps.clock();
  const cached = cache.get(clientId);
  // A refusal is not cached: the next request fetches again, so a developer's fixed document works at once.
  if (cached?.client && now - cached.at < DOCUMENT_CACHE_SECONDS) {
    deps.record?.(documentEvent(clientId, cached, 'cache', now));
    return;
  }
  const problem = clientIdUrlProblem(clientId, deps.origin);
  const entry = problem ? { at: now, problem: `client_id ${clientId} cannot be fetched: ${problem}` } : await fetchDocument(clientId, deps.origin, now, deps.fetch ?? fetch);
  // Stryker disable next-line StringLiteral: equivalent, documentEvent draws any source but 'cache' and 'not fetched' as a fetch
  deps.record?.(documentEvent(clientId, entry, problem ? 'not fetched' : 'fetched', now));
  cache.delete(clientId);
  cache.set(clientId, entry);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
}

/** The client_id a request names once, if any (a repeated one is refused later by the step). */
export function singleClientId(params: { repeated(name: string): boolean; get(name: string): string | undefined }): string | undefined {
  return params.repeated('client_id') ? undefined : params.get('client_id');
}

/** The registry's view of the cache: the client a fetched document describes, or why there is none. */
export interface ClientIdDocuments {
  find(clientId: string): RegisteredClient | undefined;
  whyUnknown(clientId: string): string | undefined;
}

export function clientIdDocuments(clock: Clock): ClientIdDocuments {
  const fresh = (id: string) => {
    const e = cache.get(id);
    return e && clock() - e.at < DOCUMENT_KEEP_SECONDS ? e : undefined;
  };
  return {
    find: (id) => fresh(id)?.client,
    whyUnknown: (id) => fresh(id)?.problem ?? (isClientIdUrl(id) ? `client_id ${id} is a URL whose client ID metadata document was not fetched` : undefined),
  };
}
