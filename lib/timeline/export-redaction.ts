import type { HttpMessage, TimelineEvent } from './events';
import { RUN_ID_PLACEHOLDER, type RunExport } from './export-format';
import { hideRunKeys } from '@/lib/runs/run-id';
import { isCredentialField } from './secret-names';

/**
 * A shared export shows every token for teaching, but none of them works for
 * whoever holds the file, and nothing in it names the live run (issue 8 §4):
 *
 * - a JWT keeps its header and its claims (so the timeline still decodes it),
 *   with the run id replaced in its claims, and its signature replaced by a
 *   marker: no resource server accepts it, and the claims read as they did;
 * - every other credential (refresh tokens, opaque access tokens, codes, PKCE
 *   verifiers, cookie values, encrypted next-auth cookies) is replaced by a
 *   marker naming what it was;
 * - HTTP Basic client credentials (RFC 6749 §2.3.1) keep their client id and
 *   lose their secret: the demo clients' secrets are public, but a client
 *   registered on the page (RFC 7591) sends a live one the same way;
 * - the run id and any run key are replaced wherever they occur.
 *
 * Credentials are found where the parties put them: token views, the
 * Authorization, Cookie, Set-Cookie and Location headers, URLs, form and
 * JSON bodies and event data (fields the timeline marks as credentials,
 * secret-names.ts), and anything shaped like a JWT or JWE anywhere.
 */
export function redactExport(doc: RunExport, runId: string): RunExport {
  const found = new Map<string, string>();
  const add: Add = (value, what, marker) => {
    if (value && value.length >= 8 && !found.has(value)) found.set(value, marker ?? replacement(value, what, runId));
  };
  for (const e of doc.events) collect(e, add);
  let text = JSON.stringify(doc);
  for (const m of text.matchAll(JOSE)) add(m[0], 'token');
  // Longest first, so that a credential that contains another is replaced whole.
  for (const [secret, marker] of [...found].sort((a, b) => b[0].length - a[0].length)) text = text.split(secret).join(marker);
  text = hideRunKeys(text.split(runId).join(RUN_ID_PLACEHOLDER));
  return JSON.parse(text) as RunExport;
}

/** Compact JWS (three parts) and JWE (five parts). */
const JOSE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?/g;
const SIGNATURE_REMOVED = Buffer.from('signature removed in this export').toString('base64url');

function replacement(value: string, what: string, runId: string): string {
  const parts = value.split('.');
  if (parts.length === 3 && value.startsWith('eyJ')) {
    try {
      const payload = Buffer.from(parts[1]!, 'base64url').toString('utf8');
      JSON.parse(payload);
      const cleaned = hideRunKeys(payload.split(runId).join(RUN_ID_PLACEHOLDER));
      return `${parts[0]}.${Buffer.from(cleaned).toString('base64url')}.${SIGNATURE_REMOVED}`;
    } catch {
      /* not a JWT after all: replaced whole below */
    }
  }
  if (parts.length === 5 && value.startsWith('eyJ')) return '(encrypted value removed from this export)';
  return `(${what} removed from this export)`;
}

/** Notes a credential to replace: by a marker naming `what` it was, or by the `marker` given. */
type Add = (value: string | undefined | null, what: string, marker?: string) => void;

/**
 * RFC 6749 §2.3.1 / RFC 7617: base64 of `client_id:client_secret`, each
 * form-urlencoded. The same shape comes back with the secret replaced, so the
 * export still shows which client authenticated and how.
 */
function basicWithoutSecret(credentials: string): string {
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const clientId = colon >= 0 ? decoded.slice(0, colon) : '(unreadable)';
  return Buffer.from(`${clientId}:(client secret removed from this export)`).toString('base64');
}

function collect(e: TimelineEvent, add: Add): void {
  for (const t of e.tokens ?? []) add(t.raw, t.kind.replace('_', ' '));
  for (const m of [e.http?.request, e.http?.response]) if (m) collectMessage(m, add);
  collectJson(e.data, add);
}

function collectMessage(m: HttpMessage, add: Add): void {
  for (const [name, value] of Object.entries(m.headers)) {
    const h = name.toLowerCase();
    const basic = h === 'authorization' ? /^basic\s+(\S+)/i.exec(value) : null;
    if (basic) add(basic[1], 'client secret', basicWithoutSecret(basic[1]!));
    else if (h === 'authorization') add(value.replace(/^\S+\s+/, ''), 'credential');
    if (h === 'cookie') for (const part of value.split(';')) add(part.split('=').slice(1).join('=').trim(), 'cookie value');
    if (h === 'set-cookie') for (const line of value.split(/,(?=\s*[^;=\s]+=)/)) add(line.split(';')[0]!.split('=').slice(1).join('=').trim(), 'cookie value');
    if (h === 'location') collectUrl(value, add);
  }
  if (m.url) collectUrl(m.url, add);
  if (!m.body) return;
  try {
    collectJson(JSON.parse(m.body), add);
  } catch {
    for (const [k, v] of new URLSearchParams(m.body)) if (isCredentialField(k)) add(v, k.replace('_', ' '));
  }
}

function collectUrl(url: string, add: Add): void {
  try {
    const u = new URL(url, 'http://x');
    for (const params of [u.searchParams, new URLSearchParams(u.hash.slice(1))])
      for (const [k, v] of params) if (isCredentialField(k)) add(v, k.replace('_', ' '));
  } catch {
    /* not a URL */
  }
}

function collectJson(v: unknown, add: Add, depth = 0): void {
  if (depth > 20 || typeof v !== 'object' || v === null) return;
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string' && isCredentialField(k)) add(x, k.replace('_', ' '));
    else collectJson(x, add, depth + 1);
  }
}
