/**
 * The one error type of the protocol code. Steps throw or return an
 * OAuthError; one serializer per response kind (listed in lib/oauth/error-responses.ts)
 * turns it into the RFC's shape.
 */

type OAuthErrorCode =
  // RFC 6749 §4.1.2.1 and §5.2
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable'
  // RFC 8707 §2
  | 'invalid_target'
  // RFC 6750 §3.1
  | 'invalid_token'
  | 'insufficient_scope'
  // RFC 7009 §2.2.1
  | 'unsupported_token_type'
  // OpenID Connect Core §3.1.2.6
  | 'login_required'
  | 'consent_required'
  | 'request_not_supported'
  | 'request_uri_not_supported'
  | 'registration_not_supported'

  // RFC 7591 §3.2.2
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata';

export interface OAuthErrorOptions {
  /** HTTP status of a direct response; defaults by code. */
  status?: number;
  /**
   * Whether the error may be sent back to the client's redirect_uri. Never for
   * a bad client_id or redirect_uri (RFC 6749 §4.1.2.1).
   */
  redirectable?: boolean;
  /** For insufficient_scope: the scope the request needs (RFC 6750 §3). */
  scope?: string;
  /** For a failed HTTP Basic client authentication: answer 401 with a Basic challenge (RFC 6749 §5.2). */
  basicChallenge?: boolean;
  /** What went wrong underneath, for the server's log (as oauth4webapi keeps it); never serialized. */
  cause?: unknown;
}

const DEFAULT_STATUS: Partial<Record<OAuthErrorCode, number>> = {
  invalid_client: 401,
  invalid_token: 401,
  insufficient_scope: 403,
  server_error: 500,
  temporarily_unavailable: 503,
};

/**
 * RFC 6749 §4.1.2.1, §5.2: error_description may only contain
 * %x20-21 / %x23-5B / %x5D-7E. Anything else becomes a space or an apostrophe.
 */
export function sanitizeDescription(text: string): string {
  return text
    .replace(/"/g, "'")
    .replace(/\\/g, '/')
    .replace(/[^\x20-\x7e]/g, ' ');
}

export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly description: string;
  readonly status: number;
  readonly redirectable: boolean;
  readonly scope?: string;
  readonly basicChallenge: boolean;

  constructor(code: OAuthErrorCode, description: string, options: OAuthErrorOptions = {}) {
    const clean = sanitizeDescription(description);
    super(`${code}: ${clean}`, options.cause === undefined ? undefined : { cause: options.cause });
    // Stryker disable next-line StringLiteral: the name shows only in logs and stack traces, never on the wire
    this.name = 'OAuthError';
    this.code = code;
    this.description = clean;
    this.status = options.status ?? DEFAULT_STATUS[code] ?? 400;
    this.redirectable = options.redirectable ?? true;
    this.scope = options.scope;
    this.basicChallenge = options.basicChallenge ?? false;
  }
}

export const isOAuthError = (e: unknown): e is OAuthError => e instanceof OAuthError;

export const invalidRequest = (d: string, o?: OAuthErrorOptions) => new OAuthError('invalid_request', d, o);
export const invalidClient = (d: string, o?: OAuthErrorOptions) => new OAuthError('invalid_client', d, o);
export const invalidGrant = (d: string, o?: OAuthErrorOptions) => new OAuthError('invalid_grant', d, o);
export const unauthorizedClient = (d: string, o?: OAuthErrorOptions) => new OAuthError('unauthorized_client', d, o);
export const unsupportedGrantType = (d: string, o?: OAuthErrorOptions) => new OAuthError('unsupported_grant_type', d, o);
export const unsupportedResponseType = (d: string, o?: OAuthErrorOptions) =>
  new OAuthError('unsupported_response_type', d, o);
export const invalidScope = (d: string, o?: OAuthErrorOptions) => new OAuthError('invalid_scope', d, o);
export const accessDenied = (d: string, o?: OAuthErrorOptions) => new OAuthError('access_denied', d, o);
export const invalidTarget = (d: string, o?: OAuthErrorOptions) => new OAuthError('invalid_target', d, o);
export const invalidToken = (d: string, o?: OAuthErrorOptions) => new OAuthError('invalid_token', d, o);
export const insufficientScope = (scope: string, d: string) => new OAuthError('insufficient_scope', d, { scope });
export const unsupportedTokenType = (d: string) => new OAuthError('unsupported_token_type', d);
export const invalidRedirectUri = (d: string) => new OAuthError('invalid_redirect_uri', d, { redirectable: false });
export const invalidClientMetadata = (d: string) => new OAuthError('invalid_client_metadata', d, { redirectable: false });
export const serverError = (cause?: unknown) => new OAuthError('server_error', 'the server met an unexpected condition', { cause });

/**
 * Wraps anything thrown into an OAuthError: unexpected errors become
 * server_error with no internals on the wire; the original stays as its
 * `cause`, for the log.
 */
export function toOAuthError(e: unknown): OAuthError {
  if (isOAuthError(e)) return e;
  return serverError(e);
}
