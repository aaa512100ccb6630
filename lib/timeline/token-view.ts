import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { TokenKind, TokenView } from './events';
import { jsonDepthExceeds } from '@/lib/http/bounded-json';
import { safeIsoTime, safeJson, safeRelativeTime } from './safe-format';

/**
 * A token as a party records it on the timeline: raw, and decoded (not
 * verified) when it is a JWT; an opaque token, or one that does not decode,
 * stays raw. Every party records tokens this way.
 */
export function tokenView(kind: TokenKind, raw: string): TokenView {
  if (!decodable(raw)) return { kind, raw };
  try {
    return { kind, raw, header: decodeProtectedHeader(raw) as Record<string, unknown>, payload: decodeJwt(raw) as Record<string, unknown> };
  } catch {
    return { kind, raw };
  }
}

/** Header and payload shallow enough to decode and show (a forged token may nest thousands deep). */
function decodable(raw: string): boolean {
  const parts = raw.split('.');
  if (parts.length !== 3 || raw.length > 64 * 1024) return false;
  try {
    return parts.slice(0, 2).every((p) => !jsonDepthExceeds(new TextDecoder().decode(base64urlBytes(p)), 16));
  } catch {
    return false;
  }
}

function base64urlBytes(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

/** Claims that hold NumericDate values (RFC 7519 §2), shown as readable times. */
const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time']);

interface ClaimLine {
  name: string;
  /** The claim as JSON, as it is in the token. */
  value: string;
  /** For time claims: ISO time (UTC) and how far from now; for `scope`: its parts. */
  time?: { iso: string; relative: string };
  scopes?: string[];
}

interface DecodedToken {
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
  return safeRelativeTime(epochSeconds, nowSeconds);
}

function claimLine(name: string, value: unknown, nowSeconds: number): ClaimLine {
  const line: ClaimLine = { name, value: safeJson(value, 0) };
  if (TIME_CLAIMS.has(name) && typeof value === 'number' && Number.isFinite(value)) {
    // safeIsoTime: exp 1e13 is outside the Date range, and toISOString() would throw.
    line.time = { iso: safeIsoTime(value), relative: relativeTime(value, nowSeconds) };
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
  if (parts.length === 3 && (!header || !payload) && decodable(view.raw)) {
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
