import 'server-only';
import type { HttpMessage } from '@/lib/timeline/events';
import { basicAuthorization } from '@/lib/oauth/client-secret-basic';
import { CLIENT_ID, CLIENT_SECRET, wellKnownUrl } from './config';
import { incomingResponse, outgoingRequest } from './record';
import { OTHER_PARTY_JSON, parseBoundedJson } from '@/lib/http/bounded-json';

/**
 * The client's calls to the authorization server outside next-auth: the
 * refresh grant, revocation and userinfo, over HTTP only, found through the
 * issuer's discovery document.
 */

interface AsMetadata {
  issuer: string;
  token_endpoint: string;
  revocation_endpoint?: string;
  userinfo_endpoint?: string;
}

/** One call as it crossed the wire, for the timeline; `response` is missing when no answer came. */
export interface Wire {
  request: HttpMessage;
  response?: HttpMessage;
}

let cached: { origin: string; at: number; metadata: AsMetadata } | undefined;

/** OpenID Connect Discovery §4, cached for a minute. Throws when the authorization server cannot be reached. */
async function asMetadata(origin: string): Promise<AsMetadata> {
  if (cached && cached.origin === origin && Date.now() - cached.at < 60_000) return cached.metadata;
  const res = await fetch(wellKnownUrl(origin), { redirect: 'manual', cache: 'no-store' });
  if (res.status !== 200) throw new Error(`discovery answered ${res.status}`);
  const parsed = parseBoundedJson(await res.text(), OTHER_PARTY_JSON);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) throw new Error(`discovery document is not usable JSON${parsed.ok ? '' : `: ${parsed.detail}`}`);
  const metadata = parsed.value as AsMetadata;
  if (typeof metadata.token_endpoint !== 'string') throw new Error('discovery document has no token_endpoint');
  cached = { origin, at: Date.now(), metadata };
  return metadata;
}

async function exchange(url: string, init: { method: string; headers: Record<string, string>; body?: string }) {
  const request = outgoingRequest(init.method, url, init.headers, init.body);
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', cache: 'no-store' });
    const text = await res.text();
    return { status: res.status, text, wire: { request, response: incomingResponse(res.status, res.headers, text) } };
  } catch (e) {
    return { status: 0, text: '', wire: { request }, failure: e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e) };
  }
}

interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
}

export type RefreshResult =
  | { ok: true; tokens: TokenResponse; wire: Wire }
  | { ok: false; error: string; description?: string; wire?: Wire };

/**
 * RFC 6749 §6: exchanges the refresh token for a new access token,
 * authenticating with client_secret_basic (§2.3.1). The authorization server
 * rotates the refresh token (RFC 9700 §4.14.2): the caller must keep the new
 * one, as the old is now refused.
 *
 * Does not check the new ID token, if any (it is only stored).
 */
export async function refreshTokens(origin: string, refreshToken: string): Promise<RefreshResult> {
  let md: AsMetadata;
  try {
    md = await asMetadata(origin);
  } catch (e) {
    return { ok: false, error: 'unreachable', description: e instanceof Error ? e.message : String(e) };
  }
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString();
  const r = await exchange(md.token_endpoint, {
    method: 'POST',
    headers: { Authorization: basicAuthorization(CLIENT_ID, CLIENT_SECRET), 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body,
  });
  if (r.failure) return { ok: false, error: 'unreachable', description: r.failure, wire: r.wire };
  const parsed = parseBoundedJson(r.text, OTHER_PARTY_JSON);
  const json: Record<string, unknown> =
    parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : {};
  if (r.status !== 200 || typeof json.access_token !== 'string') {
    return {
      ok: false,
      error: typeof json.error === 'string' ? json.error : `HTTP ${r.status}`,
      description: typeof json.error_description === 'string' ? json.error_description : undefined,
      wire: r.wire,
    };
  }
  return { ok: true, tokens: json as unknown as TokenResponse, wire: r.wire };
}

/**
 * RFC 7009 §2.1: asks the authorization server to revoke a token, with the
 * client's credentials (client_secret_basic). §2.2: 200 means revoked or
 * already invalid; the client forgets the token either way.
 */
export async function revokeToken(
  origin: string,
  token: string,
  hint: 'refresh_token' | 'access_token',
): Promise<{ ok: boolean; status: number; failure?: string; wire?: Wire }> {
  let md: AsMetadata;
  try {
    md = await asMetadata(origin);
  } catch (e) {
    return { ok: false, status: 0, failure: e instanceof Error ? e.message : String(e) };
  }
  const endpoint = md.revocation_endpoint ?? `${md.issuer}/revoke`;
  const body = new URLSearchParams({ token, token_type_hint: hint }).toString();
  const r = await exchange(endpoint, {
    method: 'POST',
    headers: { Authorization: basicAuthorization(CLIENT_ID, CLIENT_SECRET), 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { ok: r.status === 200, status: r.status, failure: r.failure, wire: r.wire };
}

/** OpenID Connect Core §5.3: the claims about the signed-in user, with the access token. Undefined when it fails. */
export async function fetchUserinfo(origin: string, accessToken: string): Promise<{ claims?: Record<string, unknown>; wire?: Wire }> {
  try {
    const md = await asMetadata(origin);
    if (!md.userinfo_endpoint) return {};
    const r = await exchange(md.userinfo_endpoint, { method: 'GET', headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } });
    if (r.status !== 200) return { wire: r.wire };
    const parsed = parseBoundedJson(r.text, OTHER_PARTY_JSON);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return { wire: r.wire };
    return { claims: parsed.value as Record<string, unknown>, wire: r.wire };
  } catch {
    return {};
  }
}
