/**
 * Notes Agent's identity: where it lives, and its client ID metadata
 * document (draft-ietf-oauth-client-id-metadata-document), served by the
 * sandbox at a stable URL. The agent knows nothing else in advance but the
 * Notes API's URL: the authorization server, its endpoints and the scopes
 * are discovered (RFC 9728, RFC 8414).
 */
export const AGENT_PAGE = '/agent';
export const agentNotesUrl = (origin: string) => `${origin}/rs/api/notes`;
export const agentClientIdUrl = (origin: string) => `${origin}/agent/client.json`;
export const agentRedirectUri = (origin: string) => `${origin}/agent/callback`;
/** The agent's own cookie: the pending authorization request (state, PKCE verifier), never a token. */
export const AGENT_COOKIE = 'notes-agent.pending';

/** The document at agentClientIdUrl: a public client (no secret in a published document, draft §4.1). */
export function agentClientDocument(origin: string) {
  return {
    client_id: agentClientIdUrl(origin),
    client_name: 'Notes Agent',
    client_uri: `${origin}${AGENT_PAGE}`,
    redirect_uris: [agentRedirectUri(origin)],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    scope: 'notes:read notes:write',
  };
}

/** How the agent identifies itself: its document (the default), or dynamic registration (RFC 7591) as the fallback. */
export type AgentIdentification = 'document' | 'registration';

/** What the agent keeps between the redirect and the callback: no endpoint (discovered again), no token. */
export interface PendingAuthorization {
  state: string;
  verifier: string;
  scope: string;
  /** What the agent does once it holds a token: its whole task (list, then write), or the write it was refused. */
  task: 'list-then-write' | 'write';
  clientId: string;
  identification: AgentIdentification;
  /** The authorization server and resource discovered: only ever on the sandbox's origin, whatever the cookie says. */
  issuer: string;
  resource: string;
}

const TASKS = ['list-then-write', 'write'];

/** Reads the agent's cookie back; anything altered or malformed is no pending request at all. */
export function parsePending(value: string | undefined, origin: string): PendingAuthorization | undefined {
  if (!value) return undefined;
  try {
    const p = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>;
    const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
    const [state, verifier, scope, task, clientId, identification, issuer, resource] = ['state', 'verifier', 'scope', 'task', 'clientId', 'identification', 'issuer', 'resource'].map(str);
    if (!state || !verifier || !scope || !task || !TASKS.includes(task) || !clientId || !issuer || !resource) return undefined;
    // The callback reads the issuer's metadata again: never from an address the cookie could point elsewhere.
    if (!issuer.startsWith(`${origin}/`) || !resource.startsWith(`${origin}/`)) return undefined;
    if (identification !== 'document' && identification !== 'registration') return undefined;
    // The document's client_id is fixed; a registered one is whatever the server issued (it is only ever sent to that server).
    if (identification === 'document' && clientId !== agentClientIdUrl(origin)) return undefined;
    return { state, verifier, scope, task: task as PendingAuthorization['task'], clientId, identification, issuer, resource };
  } catch {
    return undefined;
  }
}

export const serializePending = (p: PendingAuthorization) => Buffer.from(JSON.stringify(p)).toString('base64url');
