// The bench's outside client: a run of its own (POST /api/runs; its key as
// the run key cookie, as a browser holds it), tokens, and the code + PKCE flow as `cli` through the AS's own
// forms (the same walk as tests/integration/helpers/authorize.ts, in plain JS
// so that the bench needs no TypeScript loader). Loopback only.
import { createHash, randomBytes } from 'node:crypto';

export const RUN_COOKIE = 'sandbox_run_key';
export const basic = (id, secret) => 'Basic ' + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
export const FORM = 'application/x-www-form-urlencoded';

export async function ok(res, what) {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res;
}

/** Cookies by name, for one origin. */
export class Jar {
  cookies = new Map();
  store(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * A GET, tried once more when the server closed an idle keep-alive socket
 * just as it was reused (undici's "other side closed"): GET is idempotent.
 */
export async function getWithRetry(url, init = {}) {
  try {
    return await fetch(url, { redirect: 'manual', ...init });
  } catch (e) {
    if (e?.cause?.code !== 'UND_ERR_SOCKET') throw e;
    return fetch(url, { redirect: 'manual', ...init });
  }
}

/**
 * A new run of the bench's own (POST /api/runs: its id and key), held as a
 * browser holds it: the run key cookie, which makes every request the run
 * owner's (issue 14: the id alone only names a run).
 */
export async function newRun(origin) {
  // Retried like a GET: a run made twice is only an unused run.
  const res = await ok(await getWithRetry(`${origin}/api/runs`, { method: 'POST' }), 'POST /api/runs');
  const { id, key } = await res.json();
  if (typeof key !== 'string' || !key.startsWith('runkey_')) throw new Error(`POST /api/runs gave no run key (HTTP ${res.status})`);
  const jar = new Jar();
  jar.cookies.set(RUN_COOKIE, key);
  return { id, key, jar, cookie: jar.header() };
}

/** Changes the run's settings as the run's own page does (same-origin, with the cookie). */
export async function setRunSettings(origin, run, settings) {
  await ok(
    await fetch(`${origin}/api/runs/current`, {
      method: 'PATCH',
      headers: { cookie: run.cookie, origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    }),
    'PATCH /api/runs/current',
  );
}

export function clientCredentialsRequest(origin, run) {
  return {
    url: `${origin}/as/token`,
    method: 'POST',
    headers: { authorization: basic('reporting-service', 'reporting-service-secret'), 'content-type': FORM, cookie: run.cookie },
    body: 'grant_type=client_credentials&scope=notes%3Aread',
  };
}

export async function serviceToken(origin, run) {
  const r = clientCredentialsRequest(origin, run);
  const res = await ok(await fetch(r.url, r), 'client_credentials token');
  return (await res.json()).access_token;
}

const decode = (s) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
function attributes(tag) {
  const a = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][\w:.-]*)(?:\s*=\s*"([^"]*)")?/g)) a[m[1].toLowerCase()] = decode(m[2] ?? '');
  return a;
}
function parseForm(html) {
  const m = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!m) return undefined;
  const form = { action: attributes(m[1]).action ?? '', hidden: [], checked: [], buttons: [] };
  for (const tag of m[2].matchAll(/<(input|button)\b([^>]*)>/gi)) {
    const a = attributes(tag[2]);
    if (tag[1].toLowerCase() === 'button') a.name && form.buttons.push(a.name);
    else if (a.type === 'hidden' && a.name) form.hidden.push([a.name, a.value ?? '']);
    else if (a.type === 'checkbox' && a.name && 'checked' in a) form.checked.push([a.name, a.value ?? '']);
  }
  return form;
}

const REDIRECT_URI = 'http://127.0.0.1:8765/callback';

/**
 * One whole authorization code + PKCE flow as `cli` (RFC 6749 §4.1, RFC 7636):
 * authorize, sign in as alice, consent, back to the loopback redirect, token.
 * A fresh jar each time (no AS session, no remembered consent), carrying the
 * run key cookie so the flow lands on the run's timeline. Returns the token response.
 */
export async function codeFlow(origin, run) {
  const jar = new Jar();
  jar.cookies.set(RUN_COOKIE, run.key);
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  let url = new URL('/as/authorize', origin);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: 'cli', redirect_uri: REDIRECT_URI, scope: 'openid notes:read offline_access', state: 's', code_challenge: challenge, code_challenge_method: 'S256' }))
    url.searchParams.set(k, v);
  const request = async (u, body) => {
    const headers = { cookie: jar.header() };
    if (body) Object.assign(headers, { 'content-type': FORM, origin });
    const res = await fetch(u, { method: body ? 'POST' : 'GET', headers, body, redirect: 'manual' });
    jar.store(res);
    return res;
  };
  let res = await request(url);
  let code;
  for (let hop = 0; hop < 12 && !code; hop++) {
    if (res.status >= 300 && res.status < 400) {
      await res.arrayBuffer();
      const next = new URL(res.headers.get('location') ?? '', url);
      if (next.origin !== new URL(origin).origin || !next.pathname.startsWith('/as/')) {
        code = next.searchParams.get('code');
        if (!code) throw new Error(`flow ended without a code: ${next}`);
        break;
      }
      url = next;
      res = await request(url);
      continue;
    }
    const form = res.status === 200 ? parseForm(await res.text()) : undefined;
    if (!form) throw new Error(`flow: HTTP ${res.status} at ${url.pathname}`);
    const body = new URLSearchParams(form.hidden);
    if (form.buttons.includes('user')) body.set('user', 'alice');
    else {
      for (const [k, v] of form.checked) body.append(k, v);
      body.set('decision', 'allow');
    }
    url = new URL(form.action, url);
    res = await request(url, body);
  }
  if (!code) throw new Error('flow: too many redirects');
  const token = await fetch(`${origin}/as/token`, {
    method: 'POST',
    headers: { 'content-type': FORM, cookie: run.cookie },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: 'cli', code_verifier: verifier }),
  });
  return (await ok(token, 'authorization_code token')).json();
}
