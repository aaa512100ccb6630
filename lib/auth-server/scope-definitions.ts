import { isScopeToken, isStandardScope, STANDARD_SCOPES, SUPPORTED_STANDARD_SCOPES } from '@/lib/oauth/scopes';
import type { RegisteredClient } from './clients';

/**
 * The scopes a run's authorization server offers beyond the standard OpenID
 * ones (RFC 6749 §3.3: the authorization server defines its scopes; their
 * meaning is for the resource server to give). Each has a plain-language
 * meaning, shown on the consent page, and the clients that may ask for it.
 * This is the authorization server's half of a run's policy; the resource
 * server's half (which action needs which scope) lives in lib/resource-server.
 */
interface ScopeDefinition {
  meaning: string;
  clients: string[];
}
export type ScopeDefinitions = Record<string, ScopeDefinition>;

/** The clients a run's scope may be offered to (the resource server's own credentials ask for none). */
const SCOPE_CLIENTS = ['notes-assistant', 'cli', 'reporting-service'] as const;
/** When a definition names no clients: the two clients that act for a user. */
const DEFAULT_SCOPE_CLIENTS = ['notes-assistant', 'cli'];

export const DEFAULT_SCOPE_DEFINITIONS: ScopeDefinitions = {
  'notes:read': { meaning: 'Read your notes and the notes shared with you', clients: ['notes-assistant', 'cli', 'reporting-service'] },
  'notes:write': { meaning: 'Create, edit and delete notes on your behalf', clients: ['notes-assistant', 'cli'] },
};

const MAX_SCOPES = 30;
const MAX_SCOPE_NAME = 64;
const MAX_MEANING = 200;

/** Every scope this run's authorization server can grant: the supported standard ones, then the run's. */
export function scopesSupported(defs: ScopeDefinitions): string[] {
  return [...SUPPORTED_STANDARD_SCOPES, ...Object.keys(defs)];
}

/** What the consent page says a scope means: the standard's words, the run's, or the bare name. */
export function scopeMeaning(scope: string, defs: ScopeDefinitions): string {
  if (isStandardScope(scope)) return STANDARD_SCOPES[scope]!.meaning;
  return Object.hasOwn(defs, scope) ? defs[scope]!.meaning : scope;
}

/**
 * The scopes `client` may ask for in this run: those its registration lists
 * that the run offers (the demo clients register only standard scopes), and
 * each run-defined scope that names the client.
 */
export function allowedScopes(client: RegisteredClient, defs: ScopeDefinitions): string[] {
  const offered = scopesSupported(defs);
  const registered = client.scopes.filter((s) => offered.includes(s));
  const defined = Object.entries(defs)
    .filter(([, d]) => d.clients.includes(client.client_id))
    .map(([name]) => name);
  return [...new Set([...registered, ...defined])];
}

/**
 * The end of an invalid_scope description (RFC 6749 §5.2) that says what the
 * client may ask for: a run's scopes may leave a client none at all, and
 * "may ask only for: " with nothing after it reads as a broken sentence.
 */
export function whatClientMayAskFor(clientId: string, allowed: readonly string[]): string {
  return allowed.length > 0 ? `${clientId} may ask only for: ${allowed.join(' ')}` : `${clientId} may ask for no scope in this run`;
}

type ScopeDefinitionsResult = { ok: true; definitions: ScopeDefinitions } | { ok: false; field: string; message: string };

/**
 * Validates the `scopes` member of a run's policy document: an object from
 * scope name to its meaning, or to `{ "meaning", "clients" }`. A name must be
 * an RFC 6749 §3.3 scope-token; a standard OpenID scope may appear only
 * unchanged (as GET shows it) and is not stored. The error names the field.
 */
export function validateScopeDefinitions(input: unknown): ScopeDefinitionsResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, field: 'scopes', message: 'must be an object from scope name to meaning' };
  // The count is checked on what is defined (below): a standard scope sent back unchanged is not
  // stored and does not count, and the body limit of the policy document bounds the entries.
  const definitions: ScopeDefinitions = {};
  for (const [name, value] of Object.entries(input)) {
    const field = `scopes.${name}`;
    if (!isScopeToken(name)) return { ok: false, field, message: 'is not a scope-token (RFC 6749 §3.3: printable ASCII, no space, no " or \\)' };
    if (name.length > MAX_SCOPE_NAME) return { ok: false, field, message: `is longer than ${MAX_SCOPE_NAME} characters` };
    if (isStandardScope(name)) {
      const unchanged = (value as { standard?: unknown } | null | undefined)?.standard === true || value === STANDARD_SCOPES[name]!.meaning;
      if (!unchanged) return { ok: false, field, message: 'is a standard OpenID Connect scope: its meaning is the standard’s and cannot be redefined' };
      continue;
    }
    const parsed = parseDefinition(value, field);
    if ('message' in parsed) return { ok: false, ...parsed };
    definitions[name] = parsed;
  }
  if (Object.keys(definitions).length > MAX_SCOPES) return { ok: false, field: 'scopes', message: `may define at most ${MAX_SCOPES} scopes` };
  return { ok: true, definitions };
}

function parseDefinition(value: unknown, field: string): ScopeDefinition | { field: string; message: string } {
  const obj = typeof value === 'string' ? { meaning: value } : value;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return { field, message: 'must be a meaning (a string) or {"meaning": "...", "clients": [...]}' };
  const { meaning, clients, ...rest } = obj as Record<string, unknown>;
  const extra = Object.keys(rest).find((k) => k !== 'standard' || rest[k] !== false);
  if (extra) return { field: `${field}.${extra}`, message: 'is not a field of a scope definition (meaning, clients)' };
  if (typeof meaning !== 'string' || meaning.trim() === '') return { field: `${field}.meaning`, message: 'must say in plain words what the scope lets a client do' };
  if (meaning.length > MAX_MEANING) return { field: `${field}.meaning`, message: `is longer than ${MAX_MEANING} characters` };
  if (clients === undefined) return { meaning: meaning.trim(), clients: [...DEFAULT_SCOPE_CLIENTS] };
  if (!Array.isArray(clients) || clients.length === 0) return { field: `${field}.clients`, message: 'must list at least one client that may ask for the scope' };
  for (const c of clients)
    if (!(SCOPE_CLIENTS as readonly unknown[]).includes(c))
      return { field: `${field}.clients`, message: `${JSON.stringify(c)} is not a client that asks for scopes (${SCOPE_CLIENTS.join(', ')})` };
  if (new Set(clients).size !== clients.length) return { field: `${field}.clients`, message: 'names a client more than once' };
  return { meaning: meaning.trim(), clients: clients as string[] };
}
