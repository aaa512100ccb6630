import 'server-only';
import { insertAccessToken } from '@/lib/store/access-tokens';
import { findGrant } from '@/lib/store/grants';
import { insertRefreshToken, type RefreshTokenRow } from '@/lib/store/refresh-tokens';
import type { TokenView } from '@/lib/timeline/events';
import type { RunSettings } from '@/lib/runs/settings';
import { tokenView } from '@/lib/timeline/token-view';
import { decodeProtectedHeader } from 'jose';
import { prepareAccessToken, type PreparedAccessToken } from './access-tokens';
import type { AuthServerDeps } from './deps';
import { checkGrantLive } from './grant-checks';
import { createIdToken } from './id-tokens';
import { randomToken, tokenHash } from './token-hash';

/** RFC 6749 §5.1 successful token response. `scope` is always included (allowed, and simplest for clients). */
export interface TokenResponseBody {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
  id_token?: string;
}

export interface TokenSetInput {
  runId: string;
  clientId: string;
  userId: string | null;
  grantId: string | null;
  /** The access token's scope. */
  scope: string;
  audience: string;
  /** Issue a refresh token carrying this scope (the grant's), or none. */
  refreshScope: string | null;
  /** Issue an ID token (only when `openid` was granted). */
  idToken: { authTime: number | null; nonce: string | null } | null;
  settings: RunSettings;
  now: number;
}

interface PreparedTokenSet {
  body: TokenResponseBody;
  tokens: TokenView[];
  /** Which signing key (`kid`) signed each JWT of the set, for the timeline: after a rotation, which key signed what. */
  signedWith: { access_token?: string; id_token?: string };
  /**
   * Stores the new tokens. Synchronous, so the caller can run it in the same
   * transaction that consumes the code or rotates the refresh token; throws
   * invalid_grant if the grant was revoked meanwhile (e.g. by a replay).
   */
  persist(): void;
}

/**
 * Makes the tokens of one token response: the access token (format and
 * lifetime from the run's settings), a rotated-in refresh token when asked,
 * and an ID token when asked. Nothing is stored until `persist()`.
 */
export async function prepareTokenSet(input: TokenSetInput, deps: AuthServerDeps): Promise<PreparedTokenSet> {
  const ctx = { db: deps.db, issuer: deps.issuer, now: input.now };
  const at: PreparedAccessToken = await prepareAccessToken(
    {
      runId: input.runId,
      clientId: input.clientId,
      userId: input.userId,
      scope: input.scope,
      audience: input.audience,
      grantId: input.grantId,
      format: input.settings.accessTokenFormat,
      alg: input.settings.accessTokenAlg,
      ttl: input.settings.accessTokenTtl,
    },
    ctx,
  );
  const body: TokenResponseBody = {
    access_token: at.token,
    token_type: 'Bearer',
    expires_in: input.settings.accessTokenTtl,
    scope: input.scope,
  };
  const tokens: TokenView[] = [tokenView('access_token', at.token)];

  let rt: Omit<RefreshTokenRow, 'rotatedAt' | 'revokedAt'> | undefined;
  if (input.refreshScope !== null && input.grantId !== null) {
    const raw = randomToken();
    rt = {
      tokenHash: tokenHash(raw),
      grantId: input.grantId,
      runId: input.runId,
      clientId: input.clientId,
      scope: input.refreshScope,
      issuedAt: input.now,
      expiresAt: input.now + input.settings.refreshTokenTtl,
    };
    body.refresh_token = raw;
    tokens.push(tokenView('refresh_token', raw));
  }

  if (input.idToken && input.userId !== null) {
    body.id_token = await createIdToken(
      {
        issuer: deps.issuer,
        clientId: input.clientId,
        sub: input.userId,
        authTime: input.idToken.authTime,
        nonce: input.idToken.nonce,
        accessToken: at.token,
        ttl: input.settings.accessTokenTtl,
        now: input.now,
      },
      deps.db,
    );
    tokens.push(tokenView('id_token', body.id_token));
  }

  return {
    body,
    tokens,
    signedWith: {
      ...(input.settings.accessTokenFormat === 'jwt' ? { access_token: kidOf(at.token) } : {}),
      ...(body.id_token ? { id_token: kidOf(body.id_token) } : {}),
    },
    persist() {
      // A grant revoked meanwhile (a replay), or deleted with its run: invalid_grant, as checkGrantLive answers.
      if (input.grantId !== null) checkGrantLive(findGrant(deps.db, input.grantId));
      insertAccessToken(deps.db, at.row);
      if (rt) insertRefreshToken(deps.db, rt);
    },
  };
}

function kidOf(jwt: string): string | undefined {
  return decodeProtectedHeader(jwt).kid;
}
