import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { TokenKind, TokenView } from './events';

/**
 * A token as a party records it on the timeline: raw, and decoded (not
 * verified) when it is a JWT; an opaque token, or one that does not decode,
 * stays raw. Every party records tokens this way.
 */
export function tokenView(kind: TokenKind, raw: string): TokenView {
  try {
    return { kind, raw, header: decodeProtectedHeader(raw) as Record<string, unknown>, payload: decodeJwt(raw) as Record<string, unknown> };
  } catch {
    return { kind, raw };
  }
}

/** Claims that hold NumericDate values (RFC 7519 §2), shown as readable times. */
const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time']);

export interface ClaimLine {
  name: string;
  /** The claim as JSON, as it is in the token. */
  value: string;
  /** For time claims: ISO time (UTC) and how far from now; for `scope`: its parts. */
  time?: { iso: string; relative: string };
  scopes?: string[];
}

export interface DecodedToken {
  kind: TokenKind;
  raw: string;
  /** A JWT has three base64url parts; anything else (opaque token, code) is shown raw only. */
  format: 'jwt' | 'opaque';
  header?: Record<string, unknown>;
  claims: ClaimLine[];
  /** The third JWT part, base64url, as it is (it is checked by the resource server, not here). */
  signature?: string;
}

export const TOKEN_KIND_LABEL: Record<TokenKind, string> = {
  access_token: 'Access token',
  refresh_token: 'Refresh token',
  id_token: 'ID token',
  authorization_code: 'Authorization code',
};

/** "in 5 min", "2 h ago", "now": the distance from the run's now, rounded. */
export function relativeTime(epochSeconds: number, nowSeconds: number): string {
  const d = epochSeconds - nowSeconds;
  const abs = Math.abs(d);
  if (abs < 1) return 'now';
  const text =
    abs < 60 ? `${abs} s` : abs < 3600 ? `${Math.round(abs / 60)} min` : abs < 86_400 ? `${Math.round(abs / 360) / 10} h` : `${Math.round(abs / 8640) / 10} d`;
  return d > 0 ? `in ${text}` : `${text} ago`;
}

function claimLine(name: string, value: unknown, nowSeconds: number): ClaimLine {
  const line: ClaimLine = { name, value: JSON.stringify(value) };
  if (TIME_CLAIMS.has(name) && typeof value === 'number' && Number.isFinite(value)) {
    line.time = { iso: new Date(value * 1000).toISOString().replace('.000Z', 'Z'), relative: relativeTime(value, nowSeconds) };
  }
  // RFC 9068 §2.2.3 / RFC 8693 §4.2: `scope` is one space-delimited string.
  if (name === 'scope' && typeof value === 'string') line.scopes = value.split(' ').filter(Boolean);
  return line;
}

/**
 * A token as the detail view shows it: for a JWT the decoded header, each
 * payload claim (`exp`/`iat` as readable times, `scope` split into its parts)
 * and the signature beside the raw string. Decoding is not verification: it
 * trusts nothing, and a token that does not decode is shown as opaque.
 */
export function decodeTokenView(view: TokenView, nowSeconds: number): DecodedToken {
  let header = view.header;
  let payload = view.payload;
  const parts = view.raw.split('.');
  if (parts.length === 3 && (!header || !payload)) {
    try {
      header ??= decodeProtectedHeader(view.raw) as Record<string, unknown>;
      payload ??= decodeJwt(view.raw) as Record<string, unknown>;
    } catch {
      header = undefined;
      payload = undefined;
    }
  }
  if (!header || !payload) return { kind: view.kind, raw: view.raw, format: 'opaque', claims: [] };
  return {
    kind: view.kind,
    raw: view.raw,
    format: 'jwt',
    header,
    claims: Object.entries(payload).map(([k, v]) => claimLine(k, v, nowSeconds)),
    signature: parts.length === 3 ? parts[2] : undefined,
  };
}
