import type { TimelineEvent } from '@/lib/timeline/events';
import type { AttackId } from './types';

/**
 * The attack panel's requests. Each is built from what an attacker could
 * have seen on the run's timeline (a token, a code, an earlier request),
 * shown raw before it is sent, and editable. Front-channel attacks are
 * links the victim's browser follows, so they carry the victim's cookies.
 */
export interface RawRequest {
  method: string;
  /** Path and query on the sandbox's origin. */
  target: string;
  headers: [string, string][];
  body?: string;
}

export interface AttackInfo {
  id: AttackId;
  title: string;
  /** What it tries, and what should stop it (the teacher's words). */
  explains: string;
  /** Where in the request the lesson is: what to edit. */
  edit?: string;
  /** Sent by the victim's browser (a link), with its cookies; otherwise by the attacker directly. */
  frontChannel: boolean;
}

export const ATTACKS: Record<AttackId, AttackInfo> = {
  'forged-token': {
    id: 'forged-token',
    title: 'Forged token: add notes:write to the payload',
    explains: 'The JWT’s payload is edited to add notes:write and re-encoded; the signature is kept. The resource server checks the signature over header and payload, so it fails (RFC 7515 §5.2, RFC 9068 §4).',
    edit: 'the scope claim in the decoded payload, or the token itself',
    frontChannel: false,
  },
  'alg-none': {
    id: 'alg-none',
    title: 'alg none: a token with no signature',
    explains: 'The header says alg none and the signature is empty. A resource server that lets the token choose the algorithm would accept it; this one allows only the algorithms it expects (RFC 8725 §2.1, §3.1).',
    frontChannel: false,
  },
  'alg-confusion': {
    id: 'alg-confusion',
    title: 'Algorithm confusion: HS256 with the public key as the secret',
    explains: 'The header says HS256 and the token is “signed” with an HMAC keyed by the authorization server’s public key, which anyone can read at the JWKS. A verifier that takes the algorithm from the token would accept it (RFC 8725 §2.1, §3.1).',
    frontChannel: false,
  },
  'wrong-audience': {
    id: 'wrong-audience',
    title: 'Wrong audience: the ID token used as an access token',
    explains: 'The ID token is a genuine, signed token, but it is for Notes Assistant (aud = notes-assistant), typed as an ID token. The resource server accepts only at+jwt tokens whose aud names it (RFC 9068 §4, RFC 8707, RFC 8725 §3.11).',
    frontChannel: false,
  },
  'code-replay': {
    id: 'code-replay',
    title: 'Code replay: send the client’s token request again',
    explains: 'The very token request Notes Assistant sent, code and PKCE verifier included, is sent a second time. A code works once: the authorization server answers invalid_grant and revokes the tokens already issued from it (RFC 6749 §4.1.2, §10.5).',
    frontChannel: false,
  },
  'pkce-wrong-verifier': {
    id: 'pkce-wrong-verifier',
    title: 'PKCE: a stolen code with the wrong verifier',
    explains: 'Whoever intercepts a native app’s code (the cli’s, on its loopback redirect) does not have the verifier behind its code_challenge. Sent with another verifier, the code is refused with invalid_grant (RFC 7636 §4.6). The code is not spent by the failed try: the app that holds the verifier can still redeem it, once, within its 60 seconds.',
    edit: 'code_verifier',
    frontChannel: false,
  },
  'csrf-foreign-state': {
    id: 'csrf-foreign-state',
    title: 'CSRF: a callback with a foreign state',
    explains: 'The attacker makes the victim’s browser arrive at Notes Assistant’s callback with the attacker’s own code and a state the victim never sent. The client compares state with the one it stored in the victim’s browser and refuses (RFC 6749 §10.12, RFC 9700 §4.7).',
    edit: 'state',
    frontChannel: true,
  },
  'unregistered-redirect-uri': {
    id: 'unregistered-redirect-uri',
    title: 'An unregistered redirect URI',
    explains: 'An authorization request for Notes Assistant asks to send the code to the attacker’s site. The authorization server compares redirect_uri exactly with the registered ones and shows an error page: it never redirects to an unverified URI (RFC 6749 §4.1.2.1, §10.6, RFC 9700 §4.1).',
    edit: 'redirect_uri',
    frontChannel: true,
  },
  'refresh-token-reuse': {
    id: 'refresh-token-reuse',
    title: 'Refresh token reuse: the old one after rotation',
    explains: 'After a refresh the old refresh token is dead. Sent again (as a thief would, not knowing it was rotated), it is refused, and the whole family of tokens from that grant is revoked (RFC 9700 §4.14.2, RFC 6749 §10.4).',
    frontChannel: false,
  },
};

const b64url = (s: string) => Buffer.from(s).toString('base64url');
const decodePart = (p: string) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function latestToken(events: readonly TimelineEvent[], kind: 'access_token' | 'id_token' | 'refresh_token', types: readonly string[], index: 'first' | 'last' = 'last') {
  const found = events.filter((e) => types.includes(e.type)).flatMap((e) => e.tokens?.filter((t) => t.kind === kind).map((t) => t.raw) ?? []);
  return index === 'first' ? found[0] : found[found.length - 1];
}

const RECEIVED = ['client.tokens_received', 'client.token_refreshed'];

const bearer = (token: string, method = 'GET', body?: string): RawRequest => ({
  method,
  target: '/rs/api/notes',
  headers: [['Authorization', `Bearer ${token}`], ...(body ? ([['Content-Type', 'application/json']] as [string, string][]) : [])],
  ...(body ? { body } : {}),
});

/** Well-formed (RFC 7636 §4.1: 43 to 128 unreserved characters), so the refusal is the §4.6 comparison, not the format check. */
const WRONG_VERIFIER = 'not-the-verifier-behind-the-code-challenge-0123456789abcdefghij';

export type Built = { ok: true; request: RawRequest } | { ok: false; needs: string };

/** The attack's request, from what the run's timeline shows, or what must happen first. */
export async function buildAttack(id: AttackId, ctx: { origin: string; events: readonly TimelineEvent[]; hmac?: (key: string, data: string) => Promise<string>; jwksText?: string }): Promise<Built> {
  const access = latestToken(ctx.events, 'access_token', RECEIVED);
  const needToken = { ok: false as const, needs: 'an access token of Notes Assistant: sign in at /client first' };
  switch (id) {
    case 'forged-token': {
      const parts = access?.split('.');
      if (!parts || parts.length !== 3) return { ok: false, needs: 'a JWT access token of Notes Assistant: sign in at /client first (token format JWT)' };
      const payload = decodePart(parts[1]!);
      const scopes = new Set(String(payload['scope'] ?? '').split(' ').filter(Boolean)).add('notes:write');
      const forged = `${parts[0]}.${b64url(JSON.stringify({ ...payload, scope: [...scopes].join(' ') }))}.${parts[2]}`;
      return { ok: true, request: bearer(forged, 'POST', JSON.stringify({ title: 'Written with a forged token', body: '' })) };
    }
    case 'alg-none': {
      const parts = access?.split('.');
      if (!parts || parts.length !== 3) return needToken;
      const header = { ...decodePart(parts[0]!), alg: 'none' };
      return { ok: true, request: bearer(`${b64url(JSON.stringify(header))}.${parts[1]}.`) };
    }
    case 'alg-confusion': {
      const parts = access?.split('.');
      if (!parts || parts.length !== 3 || !ctx.hmac || !ctx.jwksText) return needToken;
      const header = { ...decodePart(parts[0]!), alg: 'HS256' };
      const input = `${b64url(JSON.stringify(header))}.${parts[1]}`;
      return { ok: true, request: bearer(`${input}.${await ctx.hmac(ctx.jwksText, input)}`) };
    }
    case 'wrong-audience': {
      const idToken = latestToken(ctx.events, 'id_token', RECEIVED);
      return idToken ? { ok: true, request: bearer(idToken) } : { ok: false, needs: 'an ID token of Notes Assistant: sign in at /client first' };
    }
    case 'pkce-wrong-verifier': {
      // A code nobody has redeemed yet: Notes Assistant redeems its codes at once, so the `cli` client's (it holds
      // its code until it exchanges it). A spent code would be refused as a replay before PKCE is even checked.
      const issued = [...ctx.events].reverse().find((e) => e.type === 'authorization_code.issued' && e.data?.['client_id'] === 'cli');
      const code = issued?.tokens?.find((t) => t.kind === 'authorization_code')?.raw;
      const redirectUri = issued?.data?.['redirect_uri'];
      if (!code || typeof redirectUri !== 'string')
        return { ok: false, needs: 'a code issued to the cli client and not yet exchanged: start the cli’s sign-in (scenario pkce-wrong-verifier, step 1)' };
      const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'cli', code_verifier: WRONG_VERIFIER });
      return { ok: true, request: { method: 'POST', target: '/as/token', headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: body.toString() } };
    }
    case 'code-replay': {
      // The raw request is attached to the first event of its exchange (client_authentication.succeeded), not to token.issued.
      const sent = [...ctx.events].reverse().find((e) => e.to === 'auth-server' && /grant_type=authorization_code/.test(e.http?.request?.body ?? ''));
      const req = sent?.http?.request;
      if (!req?.body) return { ok: false, needs: 'a token request of Notes Assistant: sign in at /client first' };
      const body = new URLSearchParams(req.body);
      const auth = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? basic('notes-assistant', 'notes-assistant-secret');
      return { ok: true, request: { method: 'POST', target: '/as/token', headers: [['Authorization', auth], ['Content-Type', 'application/x-www-form-urlencoded']], body: body.toString() } };
    }
    case 'refresh-token-reuse': {
      const first = latestToken(ctx.events, 'refresh_token', ['client.tokens_received'], 'last');
      const rotated = ctx.events.some((e) => e.type === 'token.refreshed');
      if (!first || !rotated) return { ok: false, needs: 'a refresh token that was already rotated: sign in, then let Notes Assistant refresh (jump the clock an hour and reload its notes)' };
      return {
        ok: true,
        request: {
          method: 'POST',
          target: '/as/token',
          headers: [['Authorization', basic('notes-assistant', 'notes-assistant-secret')], ['Content-Type', 'application/x-www-form-urlencoded']],
          body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first }).toString(),
        },
      };
    }
    case 'csrf-foreign-state': {
      const q = new URLSearchParams({ code: 'the-attackers-own-code', state: 'state-the-victim-never-sent', iss: `${ctx.origin}/as` });
      return { ok: true, request: { method: 'GET', target: `/api/auth/callback/sandbox?${q}`, headers: [] } };
    }
    case 'unregistered-redirect-uri': {
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: 'notes-assistant',
        redirect_uri: 'https://attacker.example/steal',
        scope: 'openid notes:read notes:write',
        state: 'attacker-state',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      });
      return { ok: true, request: { method: 'GET', target: `/as/authorize?${q}`, headers: [] } };
    }
  }
}

/** The request as raw HTTP/1.1 text, as the panel shows it. */
export function rawText(r: RawRequest, host: string): string {
  const lines = [`${r.method} ${r.target} HTTP/1.1`, `Host: ${host}`, ...r.headers.map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\n')}\n\n${r.body ?? ''}`;
}

type Parsed = { ok: true; request: RawRequest } | { ok: false; error: string };

/** Reads raw HTTP/1.1 text back (what the person may have edited); only paths on the sandbox's origin. */
export function parseRaw(text: string): Parsed {
  const [head = '', ...rest] = text.replace(/\r\n/g, '\n').split('\n\n');
  const [start = '', ...headerLines] = head.split('\n');
  const m = start.match(/^([A-Z]+) (\/\S*) HTTP\/1\.[01]$/);
  if (!m) return { ok: false, error: 'The first line must be “METHOD /path HTTP/1.1”, with a path on this sandbox.' };
  if (!['GET', 'POST', 'PATCH', 'DELETE', 'PUT'].includes(m[1]!)) return { ok: false, error: `Method ${m[1]} is not one the panel sends.` };
  const headers: [string, string][] = [];
  for (const line of headerLines) {
    const at = line.indexOf(':');
    if (at <= 0) return { ok: false, error: `Not a header line: “${line.slice(0, 80)}”` };
    const name = line.slice(0, at).trim();
    if (name.toLowerCase() === 'host' || name.toLowerCase() === 'content-length') continue;
    headers.push([name, line.slice(at + 1).trim()]);
  }
  const body = rest.join('\n\n');
  return { ok: true, request: { method: m[1]!, target: m[2]!, headers, ...(body ? { body } : {}) } };
}
