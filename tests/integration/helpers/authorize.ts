/**
 * Drives the authorization server's front channel (`/as/authorize`, its
 * sign-in and consent pages) as an outside client would, with no browser:
 * plain HTTP, a cookie jar, and the AS's own HTML forms, parsed and posted
 * (hidden `request_id` and `csrf_token` included). For integration tests of
 * the token endpoint, the resource server, oauth4webapi, ...
 *
 * @example
 *   const { verifier, challenge } = newPkce();
 *   const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri: 'http://127.0.0.1:8765/callback',
 *     scope: 'notes:read notes:write', state: 's1', codeChallenge: challenge });
 *   const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', uncheck: ['notes:write'] });
 *   const code = callback.searchParams.get('code'); // also state, iss; or error, error_description
 *   // then POST /as/token with grant_type=authorization_code, code, redirect_uri, client_id=cli, code_verifier=verifier
 *
 * No server needs to listen on the redirect URI: the helper stops at the
 * AS's redirect to it and returns that URL. Pass one `jar` to several calls
 * to keep the AS session (then a remembered consent is reused, no page).
 * With `runId`, every request carries `X-Sandbox-Run`, so the events land on
 * that run's timeline; without it the AS makes a run and the jar keeps its cookie.
 */
import { createHash, randomBytes } from 'node:crypto';

export type DemoUserId = 'alice' | 'bob' | 'carol';

export interface BrowserlessAuthorizeOptions {
  /** The sandbox origin, e.g. process.env.SANDBOX_URL. Redirects leaving this origin (or /as) end the flow. */
  origin: string;
  /** The full authorization request URL (`{origin}/as/authorize?...`). */
  authorizationUrl: URL | string;
  /** Who signs in if the AS asks. Default alice. */
  user?: DemoUserId;
  /** Scopes to uncheck on the consent page (the rest stay checked). */
  uncheck?: string[];
  /** Press Deny instead of Allow. */
  deny?: boolean;
  /** Sent as X-Sandbox-Run on every request (names the run; its events are marked as from outside). */
  runId?: string;
  /** Sent as X-Sandbox-Run-Key on every request: the run's owner (events not marked). */
  runKey?: string;
  /** Cookies kept between calls (AS session, run, CSRF). A fresh jar if omitted. */
  jar?: CookieJar;
}

/** A minimal cookie jar: name to value, for one origin. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** A PKCE pair (RFC 7636 §4.1, §4.2): a 43-character verifier and its S256 challenge. */
export function newPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** `{origin}/as/authorize?response_type=code&...` with S256; leave a field undefined to omit it. */
export function buildAuthorizationUrl(p: {
  origin: string;
  clientId: string;
  redirectUri?: string;
  scope?: string;
  state?: string;
  codeChallenge?: string;
  resource?: string;
  nonce?: string;
  prompt?: string;
  extra?: Record<string, string>;
}): URL {
  const url = new URL('/as/authorize', p.origin);
  const q: [string, string | undefined][] = [
    ['response_type', 'code'],
    ['client_id', p.clientId],
    ['redirect_uri', p.redirectUri],
    ['scope', p.scope],
    ['state', p.state],
    ['code_challenge', p.codeChallenge],
    ['code_challenge_method', p.codeChallenge ? 'S256' : undefined],
    ['resource', p.resource],
    ['nonce', p.nonce],
    ['prompt', p.prompt],
    ...Object.entries(p.extra ?? {}),
  ];
  for (const [k, v] of q) if (v !== undefined) url.searchParams.set(k, v);
  return url;
}

const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][\w:.-]*)(?:\s*=\s*"([^"]*)")?/g)) attrs[m[1]!.toLowerCase()] = decode(m[2] ?? '');
  return attrs;
}

interface ParsedForm {
  action: string;
  hidden: [string, string][];
  checkboxes: { name: string; value: string; checked: boolean }[];
  buttons: { name: string; value: string }[];
}

/** The first form on an AS page: its action, hidden fields, checkboxes and submit buttons. */
export function parseForm(html: string): ParsedForm | undefined {
  const m = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!m) return undefined;
  const form: ParsedForm = { action: attributes(m[1]!).action ?? '', hidden: [], checkboxes: [], buttons: [] };
  for (const tag of m[2]!.matchAll(/<(input|button)\b([^>]*)>/gi)) {
    const a = attributes(tag[2]!);
    if (tag[1]!.toLowerCase() === 'button') {
      if (a.name) form.buttons.push({ name: a.name, value: a.value ?? '' });
    } else if (a.type === 'hidden' && a.name) form.hidden.push([a.name, a.value ?? '']);
    else if (a.type === 'checkbox' && a.name) form.checkboxes.push({ name: a.name, value: a.value ?? '', checked: 'checked' in a });
  }
  return form;
}

const pageText = (html: string) => decode(html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

/**
 * Runs the front channel from the authorization request to the AS's final
 * redirect, signing in and consenting through the AS's own forms, and
 * returns that redirect's Location: the client's redirect_uri with `code`,
 * `state`, `iss` (or `error`, `error_description`, `state`, `iss`).
 * Throws when the AS answers with a page it cannot go on from (e.g. the 400
 * page for a bad client_id or redirect_uri), quoting the page's text.
 */
export async function authorizeInBrowserlessFlow(opts: BrowserlessAuthorizeOptions): Promise<URL> {
  const jar = opts.jar ?? new CookieJar();
  const origin = new URL(opts.origin).origin;
  const request = async (url: URL, body?: URLSearchParams): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (jar.cookies.size) headers.cookie = jar.header();
    if (opts.runId) headers['x-sandbox-run'] = opts.runId;
    if (opts.runKey) headers['x-sandbox-run-key'] = opts.runKey;
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method: body ? 'POST' : 'GET', headers, body, redirect: 'manual' });
    jar.store(res);
    return res;
  };

  let url = new URL(opts.authorizationUrl);
  let res = await request(url);
  for (let hop = 0; hop < 12; hop++) {
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location') ?? '', url);
      if (next.origin !== origin || !next.pathname.startsWith('/as/')) return next;
      url = next;
      res = await request(url);
      continue;
    }
    const html = await res.text();
    const form = res.status === 200 ? parseForm(html) : undefined;
    if (!form) throw new Error(`the authorization server answered ${res.status} at ${url.pathname}: ${pageText(html).slice(0, 600)}`);
    const body = new URLSearchParams(form.hidden);
    if (form.buttons.some((b) => b.name === 'user')) {
      body.set('user', opts.user ?? 'alice');
    } else {
      for (const c of form.checkboxes) if (c.checked && !(opts.uncheck ?? []).includes(c.value)) body.append(c.name, c.value);
      body.set('decision', opts.deny ? 'deny' : 'allow');
    }
    url = new URL(form.action, url);
    res = await request(url, body);
  }
  throw new Error('the authorization server redirected more than 12 times');
}
