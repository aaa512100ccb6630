import 'server-only';
import { redirectUriRegistrationProblem } from '@/lib/oauth/redirect-uri';
import { parseScope } from '@/lib/oauth/scopes';
import type { Db } from '@/lib/store/db';
import { findRegisteredClient, type RegisteredClientRow } from '@/lib/store/registered-clients';
import { hasLoopbackRedirect, type ClientMetadata } from './client-metadata';
import type { ClientIdDocuments, FetchedDocument } from './client-id-document';

/**
 * The registered clients (RFC 6749 §2). Demo secrets: anyone may read them,
 * they are printed on the home page and in the README.
 */

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';
/** The resource server's own credentials: the one client that may introspect every token. */
export const RESOURCE_SERVER_CLIENT_ID = 'notes-api';

export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

export interface RegisteredClient {
  client_id: string;
  client_name: string;
  /** Confidential clients have a secret; public clients (native apps) do not. */
  client_secret?: string;
  token_endpoint_auth_methods: TokenEndpointAuthMethod[];
  grant_types: GrantType[];
  /**
   * Registered redirect URIs, compared by exact string (RFC 9700 §4.1.3).
   * `{origin}` is replaced by the sandbox's origin, whatever port it runs on.
   */
  redirect_uris: string[];
  /** RFC 8252 §7.3: for native apps, a loopback redirect may use any port. */
  loopback_any_port?: boolean;
  /**
   * The scopes this client is registered for. The demo clients list only the
   * standard ones: a run's own scopes name the clients that may ask for them
   * (scope-definitions.ts, allowedScopes).
   */
  scopes: string[];
  description: string;
  /** A client registered at /as/register (RFC 7591): the run it belongs to, usable there only. */
  run_id?: string;
  /** A registered client's secret, hashed (the demo clients' secrets are plain demo values). */
  client_secret_hash?: string;
  /** A registered client's metadata as registered, and when (epoch seconds). */
  registration?: { metadata: ClientMetadata; client_id_issued_at: number };
  /** A client whose client_id is the URL of its metadata document: what was fetched (self-asserted). */
  metadata_document?: FetchedDocument;
}

export const CLIENTS: readonly RegisteredClient[] = [
  {
    client_id: 'notes-assistant',
    client_name: 'Notes Assistant',
    client_secret: 'notes-assistant-secret',
    token_endpoint_auth_methods: ['client_secret_basic', 'client_secret_post'],
    grant_types: ['authorization_code', 'refresh_token'],
    redirect_uris: ['{origin}/api/auth/callback/sandbox'],
    scopes: ['openid', 'profile', 'offline_access'],
    description: 'Confidential web client built with next-auth: the three-party flow.',
  },
  {
    client_id: 'cli',
    client_name: 'Command-line client',
    token_endpoint_auth_methods: ['none'],
    grant_types: ['authorization_code', 'refresh_token'],
    redirect_uris: ['http://127.0.0.1/callback', 'http://[::1]/callback'],
    loopback_any_port: true,
    scopes: ['openid', 'profile', 'offline_access'],
    description: 'Public native client: PKCE, loopback redirect on any port (curl, a script, a test suite).',
  },
  {
    client_id: 'reporting-service',
    client_name: 'Reporting Service',
    client_secret: 'reporting-service-secret',
    token_endpoint_auth_methods: ['client_secret_basic', 'client_secret_post'],
    grant_types: ['client_credentials'],
    redirect_uris: [],
    scopes: [],
    description: 'Confidential service, client_credentials only: a token with no user in it.',
  },
  {
    client_id: RESOURCE_SERVER_CLIENT_ID,
    client_name: 'Notes API (resource server)',
    client_secret: 'notes-api-secret',
    token_endpoint_auth_methods: ['client_secret_basic', 'client_secret_post'],
    grant_types: [],
    redirect_uris: [],
    scopes: [],
    description: "The resource server's own credentials, for introspection: the back channel.",
  },
];

/** A lookup of registered clients; passed in deps so tests can register their own. */
export interface ClientRegistry {
  find(clientId: string): RegisteredClient | undefined;
  /** Why a client_id is unknown, when there is more to say than "not registered" (a refused metadata document). */
  whyUnknown?(clientId: string): string | undefined;
}

/**
 * Builds the registry, refusing a client whose redirect URI breaks the
 * registration rules (A14, RFC 9700 §2.6): the clients are static, so this
 * is where registration happens. `{origin}/...` is the sandbox's own origin,
 * the one the authorization endpoint itself is served on: https when
 * deployed; http only when the whole sandbox runs on http://localhost.
 */
export function clientRegistry(clients: readonly RegisteredClient[] = CLIENTS, db?: Db, documents?: ClientIdDocuments): ClientRegistry {
  const byId = registeredById(clients);
  return {
    find(id) {
      const known = byId.get(id);
      if (known) return known;
      if (documents?.find(id)) return documents.find(id);
      const row = db && findRegisteredClient(db, id);
      return row ? registeredClient(row) : undefined;
    },
    whyUnknown: (id) => documents?.whyUnknown(id),
  };
}

/**
 * The clients by id, their redirect URIs checked once per list: every
 * authorization server request builds a registry (authServerDeps), and
 * parsing the demo clients' URIs again each time was a sixth of the token
 * endpoint's own work.
 */
const checkedLists = new WeakMap<readonly RegisteredClient[], ReadonlyMap<string, RegisteredClient>>();

function registeredById(clients: readonly RegisteredClient[]): ReadonlyMap<string, RegisteredClient> {
  let byId = checkedLists.get(clients);
  if (byId) return byId;
  for (const c of clients) {
    for (const uri of c.redirect_uris) {
      if (uri.startsWith('{origin}/')) continue;
      const problem = redirectUriRegistrationProblem(uri);
      if (problem) throw new Error(`client ${c.client_id}: redirect URI ${uri} cannot be registered: ${problem}`);
    }
  }
  byId = new Map(clients.map((c) => [c.client_id, c]));
  checkedLists.set(clients, byId);
  return byId;
}

/** A client registered in a run (RFC 7591), as the registry hands it to the protocol steps. */
function registeredClient(row: RegisteredClientRow): RegisteredClient {
  const metadata = JSON.parse(row.metadata) as ClientMetadata;
  return {
    client_id: row.clientId,
    client_name: metadata.client_name ?? row.clientId,
    ...(row.clientSecretHash ? { client_secret_hash: row.clientSecretHash } : {}),
    // RFC 7591 §2: one token_endpoint_auth_method per client.
    token_endpoint_auth_methods: [metadata.token_endpoint_auth_method],
    grant_types: metadata.grant_types,
    redirect_uris: metadata.redirect_uris,
    loopback_any_port: hasLoopbackRedirect(metadata),
    // Stryker disable next-line LogicalOperator,ArrayDeclaration: equivalent, the stored scope was validated at registration, so parseScope never returns null here
    scopes: parseScope(metadata.scope) ?? [],
    description: 'Registered in this run at the registration endpoint (RFC 7591).',
    run_id: row.runId,
    registration: { metadata, client_id_issued_at: row.issuedAt },
  };
}

/** Whether the client has a secret: a demo client's plain one or a registered client's hash. */
export function isConfidential(client: RegisteredClient): boolean {
  return client.client_secret !== undefined || client.client_secret_hash !== undefined;
}

/** The client's redirect URIs with `{origin}` filled in. */
export function redirectUrisFor(client: RegisteredClient, origin: string): string[] {
  return client.redirect_uris.map((u) => u.replace('{origin}', origin));
}
