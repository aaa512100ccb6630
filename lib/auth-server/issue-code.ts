import 'server-only';
import type { ValidatedAuthorizationRequest } from './authorization-request';
import type { AuthServerDeps } from './deps';
import { randomToken, tokenHash } from './token-hash';
import { successResponseUrl } from '@/lib/oauth/authorization-response';
import { formatScope } from '@/lib/oauth/scopes';
import { insertAuthorizationCode } from '@/lib/store/authorization-codes';
import { insertGrant } from '@/lib/store/grants';

/** Authorization code lifetime, seconds (RFC 6749 §4.1.2: short, at most 10 minutes; node-oidc-provider's 60 s). */
export const CODE_TTL = 60;

interface Approval {
  runId: string;
  userId: string;
  /** When the user signed in at the authorization server (the ID token's auth_time). */
  authTime: number;
  /** The scopes granted, within those requested. */
  scope: readonly string[];
}

/**
 * Issues an authorization code for a validated request the user approved:
 * creates the grant (client, user, granted scope, resource, nonce,
 * auth_time) and the code (stored hashed, single use, 60 s, bound to the
 * client, the redirect URI and the S256 code_challenge), and returns the
 * redirect to the client with `code`, `state` (if sent) and `iss`.
 *
 * Records `authorization_code.issued`. It does not check consent or the
 * session: the caller has.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 * @see https://www.rfc-editor.org/rfc/rfc9207#section-2
 */
export function issueAuthorizationCode(
  request: ValidatedAuthorizationRequest,
  approval: Approval,
  deps: Pick<AuthServerDeps, 'db' | 'openRun' | 'recorder' | 'issuer'>,
): { code: string; grantId: string; location: string } {
  const now = deps.openRun(approval.runId).clock();
  const grantId = randomToken(18);
  const code = randomToken();
  deps.db.transaction(() => {
    insertGrant(deps.db, {
      id: grantId,
      runId: approval.runId,
      clientId: request.client.client_id,
      userId: approval.userId,
      scope: formatScope(approval.scope),
      resource: request.resource,
      authTime: approval.authTime,
      nonce: request.nonce ?? null,
      createdAt: now,
    });
    insertAuthorizationCode(deps.db, {
      codeHash: tokenHash(code),
      grantId,
      runId: approval.runId,
      clientId: request.client.client_id,
      redirectUri: request.redirectUri,
      redirectUriInRequest: request.redirectUriInRequest,
      codeChallenge: request.codeChallenge,
      expiresAt: now + CODE_TTL,
    });
  })();
  const location = successResponseUrl(request.redirectUri, { code, state: request.state, iss: deps.issuer });
  deps.recorder.record({
    from: 'auth-server',
    to: 'browser',
    type: 'authorization_code.issued',
    summary: `Authorization code issued to ${request.client.client_id} for ${formatScope(approval.scope) || '(no scope)'}: redirect to ${request.redirectUri}`,
    outcome: 'ok',
    tokens: [{ kind: 'authorization_code', raw: code }],
    data: {
      client_id: request.client.client_id,
      user: approval.userId,
      scope: formatScope(approval.scope),
      resource: request.resource,
      redirect_uri: request.redirectUri,
      location,
      expires_in: CODE_TTL,
    },
  });
  return { code, grantId, location };
}
