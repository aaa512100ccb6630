import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { isCredentialsList } from '@/lib/oauth/authorization-header';
import { invalidClient, invalidRequest } from '@/lib/oauth/errors';
import type { Params } from '@/lib/oauth/params';
import type { Party } from '@/lib/timeline/events';
import type { Recorder } from '@/lib/timeline/recorder';
import { isConfidential, RESOURCE_SERVER_CLIENT_ID, type ClientRegistry, type RegisteredClient, type TokenEndpointAuthMethod } from './clients';
import { tokenHash } from './token-hash';

/** What client authentication reads from a request to the token, introspection or revocation endpoint. */
export interface ClientCredentialsInput {
  /** The Authorization header, if any. */
  authorization: string | null;
  /** The form body. */
  form: Params;
  /** The request URI's query: credentials there are refused (RFC 6749 §2.3.1). */
  query: URLSearchParams;
}

declare const authenticated: unique symbol;

/**
 * A registered client that authenticated on this request (RFC 6749 §2.3),
 * or a public client that identified itself (`none`). Only
 * authenticateClient makes one, so a grant (which takes only this) cannot
 * be handed a client nobody authenticated.
 */
export type AuthenticatedClient = Readonly<RegisteredClient> & { readonly [authenticated]: true };

/** What authenticateClient returns: the client and the method it used (RFC 7591 §2 names). */
interface ClientAuthentication {
  client: AuthenticatedClient;
  method: TokenEndpointAuthMethod;
}

/** The one place a client becomes authenticated. */
const authenticatedAs = (client: RegisteredClient, method: TokenEndpointAuthMethod): ClientAuthentication => ({
  client: client as AuthenticatedClient,
  method,
});

interface ClientAuthenticationDeps {
  clients: ClientRegistry;
  recorder: Recorder;
}

/** The party a client is on the timeline: notes-api is the resource server's own credentials. */
export function partyOf(clientId: string): Party {
  return clientId === RESOURCE_SERVER_CLIENT_ID ? 'resource-server' : 'client';
}

/** RFC 6749 Appendix B: application/x-www-form-urlencoded decoding (`+` is a space). */
function formUrlDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    // node-oidc-provider: "client_id and client_secret in the authorization header are not properly encoded"
    throw invalidRequest('client_id and client_secret in the Authorization header are not properly form-urlencoded');
  }
}

/**
 * RFC 6749 §2.3.1 with RFC 7617: `Basic base64(urlencode(id) ":" urlencode(secret))`.
 * A header that cannot be read is invalid_request, as node-oidc-provider answers;
 * it never reaches the secret comparison.
 */
export function parseBasicCredentials(header: string): { clientId: string; secret: string } {
  const match = /^Basic +([A-Za-z0-9+/=_-]+) *$/i.exec(header);
  if (!match) throw invalidRequest('invalid Authorization header: expected Basic and base64-encoded credentials');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) throw invalidRequest('invalid Authorization header: the credentials have no colon');
  const clientId = formUrlDecode(decoded.slice(0, colon));
  const secret = formUrlDecode(decoded.slice(colon + 1));
  if (!clientId) throw invalidRequest('invalid Authorization header: the client_id is empty');
  return { clientId, secret };
}

/** Compares secrets in constant time: hashing first makes the lengths equal. */
export function secretsEqual(given: string, expected: string): boolean {
  // Stryker disable next-line StringLiteral: equivalent, Node's hash.update() reads a string as UTF-8 when no encoding is named
  const a = createHash('sha256').update(given, 'utf8').digest();
  // Stryker disable next-line StringLiteral: equivalent, as above
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * Whether `given` is the client's secret: the demo clients keep theirs in
 * plain (demo values), a registered client's is kept hashed. An unknown or
 * public client is compared against a value no secret equals, so timing
 * does not tell which ids exist.
 */
function secretMatches(client: RegisteredClient | undefined, given: string): boolean {
  if (client?.client_secret_hash !== undefined) return secretsEqual(tokenHash(given), client.client_secret_hash);
  // Stryker disable next-line StringLiteral,ConditionalExpression: equivalent, a client without a secret is refused either way (the last conjunct, then the method check: invalid_client)
  return secretsEqual(given, client?.client_secret ?? '\u0000no secret') && client?.client_secret !== undefined;
}

/**
 * Authenticates the client of a back-channel request (RFC 6749 §2.3,
 * §3.2.1): `client_secret_basic`, `client_secret_post`, or `none` (a public
 * client that sends only its client_id) when `allowPublic`.
 *
 * Rejects with invalid_request: client_secret in the query (§2.3.1), Basic
 * together with a body secret (§2.3: "MUST NOT use more than one
 * authentication method"), two Authorization headers (joined into one
 * value by the server), an unreadable Basic header. Rejects with
 * invalid_client (401): unknown client, wrong secret, a method the client
 * is not registered for, no authentication at all; with the Basic challenge
 * when the client tried Basic (§5.2 MUST).
 *
 * Does not check which grant types or endpoints the client may use.
 * Records `client_authentication.succeeded` on success.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export function authenticateClient(
  input: ClientCredentialsInput,
  deps: ClientAuthenticationDeps,
  options: { allowPublic: boolean } = { allowPublic: true },
): ClientAuthentication {
  if (input.query.has('client_secret')) {
    throw invalidRequest('client_secret must not be sent in the request URI (RFC 6749 section 2.3.1)');
  }
  const bodyId = input.form.get('client_id');
  const bodySecret = input.form.get('client_secret');
  let result: ClientAuthentication;

  const authorization = input.authorization?.trim() || null;
  // Two Authorization headers reach the app joined ("Basic a, Basic b"): §2.3 one method, one credentials.
  if (authorization !== null && isCredentialsList(authorization)) {
    throw invalidRequest('the request has more than one Authorization header (or a list of credentials): send one, Basic');
  }
  // Stryker disable next-line all: equivalent in the error code, parseBasicCredentials refuses any other scheme with invalid_request too; this check words the description
  if (authorization !== null && !/^basic(?: |$)/i.test(authorization)) {
    throw invalidRequest('unsupported Authorization scheme: clients authenticate with Basic (RFC 6749 section 2.3.1)');
  }

  if (authorization !== null) {
    if (bodySecret !== undefined) throw invalidRequest('the client used more than one authentication method (Basic and client_secret)');
    const { clientId, secret } = parseBasicCredentials(authorization);
    if (bodyId !== undefined && bodyId !== clientId) throw invalidRequest('client_id in the body differs from the Basic credentials');
    const client = deps.clients.find(clientId);
    // Compare even for an unknown client, so timing does not tell which ids exist.
    const ok = secretMatches(client, secret);
    if (!client || !ok) throw invalidClient('client authentication failed', { basicChallenge: true });
    if (!client.token_endpoint_auth_methods.includes('client_secret_basic')) {
      throw invalidClient('the client is not registered for client_secret_basic', { basicChallenge: true });
    }
    result = authenticatedAs(client, 'client_secret_basic');
  } else if (bodySecret !== undefined) {
    if (bodyId === undefined) throw invalidRequest('client_id is required with client_secret');
    const client = deps.clients.find(bodyId);
    const ok = secretMatches(client, bodySecret);
    if (!client || !ok) throw invalidClient('client authentication failed');
    if (!client.token_endpoint_auth_methods.includes('client_secret_post')) {
      throw invalidClient('the client is not registered for client_secret_post');
    }
    result = authenticatedAs(client, 'client_secret_post');
  } else if (bodyId !== undefined) {
    const client = deps.clients.find(bodyId);
    if (!client) throw invalidClient('unknown client');
    if (!client.token_endpoint_auth_methods.includes('none') || isConfidential(client)) {
      throw invalidClient('the client must authenticate (it is a confidential client)');
    }
    if (!options.allowPublic) throw invalidClient('this endpoint requires client authentication; a public client cannot authenticate');
    result = authenticatedAs(client, 'none');
  } else {
    throw invalidClient('client authentication is required');
  }

  deps.recorder.record({
    from: partyOf(result.client.client_id),
    to: 'auth-server',
    type: 'client_authentication.succeeded',
    summary: `${result.client.client_id} authenticated with ${result.method}`,
    outcome: 'ok',
    data: { client_id: result.client.client_id, method: result.method },
  });
  return result;
}
