import 'server-only';
import { isOAuthError } from '@/lib/oauth/errors';
import { insertRegisteredClient } from '@/lib/store/registered-clients';
import { validateClientMetadata, type ClientMetadata } from './client-metadata';
import type { AuthServerDeps } from './deps';
import { scopesSupported } from './scope-definitions';
import { randomToken, tokenHash } from './token-hash';

/** RFC 7591 §3.2.1: the client information response. */
type ClientInformation = ClientMetadata & {
  client_id: string;
  client_id_issued_at: number;
  client_secret?: string;
  /** REQUIRED when a secret is issued; 0 means it never expires. */
  client_secret_expires_at?: number;
};

interface RegistrationInput {
  /** The registration request's JSON body, parsed. */
  body: unknown;
  /** The run that registers the client, and owns it from now on. */
  runId: string;
}

/**
 * Dynamic client registration (RFC 7591 §3.1, §3.2.1): validates the
 * client metadata (see validateClientMetadata), issues a random client_id,
 * and for a confidential client (token_endpoint_auth_method other than
 * none) a client_secret that never expires (client_secret_expires_at 0),
 * kept hashed. Registration is open: no initial access token (§3). The
 * client belongs to `runId` and is removed with it.
 *
 * Does not support RFC 7592 management (no registration_access_token) or
 * software statements (§2.3: ignored like any field it does not understand).
 * Records `client.registered`, or `client_registration.rejected`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7591#section-3
 */
export function registerClient(input: RegistrationInput, deps: Pick<AuthServerDeps, 'db' | 'recorder' | 'origin' | 'openRun'>): ClientInformation {
  deps.recorder.useRun(input.runId);
  const run = deps.openRun(input.runId);
  let metadata: ClientMetadata;
  try {
    // RFC 7591 §2 scope: checked against the scopes this run offers (issue 15), not the default list.
    metadata = validateClientMetadata(input.body, deps.origin, scopesSupported(run.scopes));
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: equivalent, validateClientMetadata throws only OAuthErrors; the guard keeps a bug from being recorded as a refusal
    if (isOAuthError(e))
      deps.recorder.record({
        from: 'client',
        to: 'auth-server',
        type: 'client_registration.rejected',
        summary: `Client registration refused: ${e.code} (${e.description})`,
        outcome: 'denied',
        data: { error: e.code, error_description: e.description },
      });
    throw e;
  }
  const clientId = `reg_${randomToken(16)}`;
  const secret = metadata.token_endpoint_auth_method === 'none' ? undefined : randomToken(32);
  const issuedAt = run.clock();
  insertRegisteredClient(deps.db, {
    clientId,
    runId: input.runId,
    clientSecretHash: secret === undefined ? null : tokenHash(secret),
    metadata: JSON.stringify(metadata),
    issuedAt,
  });
  deps.recorder.record({
    from: 'client',
    to: 'auth-server',
    type: 'client.registered',
    summary: `Client registered: ${metadata.client_name ?? clientId} got client_id ${clientId} (${metadata.token_endpoint_auth_method}, ${metadata.grant_types.join(' + ')})`,
    outcome: 'ok',
    data: { client_id: clientId, ...metadata },
  });
  return {
    client_id: clientId,
    ...(secret === undefined ? {} : { client_secret: secret, client_secret_expires_at: 0 }),
    client_id_issued_at: issuedAt,
    ...metadata,
  };
}
