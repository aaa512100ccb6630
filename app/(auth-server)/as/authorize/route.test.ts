import { beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from './route';
import { POST as postSession } from './session/route';
import { POST as postDecision } from './decision/route';
import { s256Challenge } from '@/lib/oauth/pkce';
import { csrfTokenFor } from '@/lib/auth-server/pending-request';

const ORIGIN = 'http://localhost:3000';
const REDIRECT = 'http://127.0.0.1:53117/callback';
const RUN = 'route-test-run-aaaaaaaaaaaaaa';

beforeAll(() => {
  process.env.SANDBOX_ORIGIN = ORIGIN;
});

function authorizeUrl(over: Record<string, string | undefined> = {}): string {
  const base: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: 'cli',
    redirect_uri: REDIRECT,
    scope: 'notes:read notes:write',
    state: 'st',
    code_challenge: s256Challenge('x'.repeat(43)),
    code_challenge_method: 'S256',
    ...over,
  };
  const url = new URL('/as/authorize', ORIGIN);
  for (const [k, v] of Object.entries(base)) if (v !== undefined) url.searchParams.append(k, v);
  return url.href;
}

const setCookies = (r: Response) => r.headers.getSetCookie();
const cookieValue = (r: Response, name: string) =>
  setCookies(r).find((c) => c.startsWith(`${name}=`))?.split(';')[0]!.slice(name.length + 1);

function form(path: string, body: Record<string, string | string[]>, cookie: string): Request {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const one of [v].flat()) q.append(k, one);
  return new Request(new URL(path, ORIGIN), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: q.toString(),
  });
}

describe('GET /as/authorize (RFC 6749 §4.1.1)', () => {
  it('A1 answers a bad client_id with a 400 HTML page that says what is wrong and how to fix it, no Location', async () => {
    const res = await GET(new Request(authorizeUrl({ client_id: 'nope' }), { headers: { 'x-sandbox-run': RUN } }));
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('client_id nope is not a registered client');
    expect(html).toContain('How to fix it');
  });

  it('A6 B5 redirects a bad response_type with 303, error, state and iss', async () => {
    const res = await GET(new Request(authorizeUrl({ response_type: 'token' }), { headers: { 'x-sandbox-run': RUN } }));
    expect(res.status).toBe(303);
    const loc = new URL(res.headers.get('location')!);
    expect(loc.origin + loc.pathname).toBe(REDIRECT);
    expect(loc.searchParams.get('error')).toBe('unsupported_response_type');
    expect(loc.searchParams.get('state')).toBe('st');
    expect(loc.searchParams.get('iss')).toBe(`${ORIGIN}/as`);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('OpenID Connect Core §3.1.2.1 takes the same request as a form post', async () => {
    const body = new URL(authorizeUrl({ response_type: 'token' })).searchParams.toString();
    const res = await POST(
      new Request(`${ORIGIN}/as/authorize`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }),
    );
    expect(res.status).toBe(303);
    const loc = new URL(res.headers.get('location')!);
    expect(loc.searchParams.get('error')).toBe('unsupported_response_type');
    expect(loc.searchParams.get('iss')).toBe(`${ORIGIN}/as`);
  });

  it('A13 sends no CORS headers', async () => {
    const res = await GET(new Request(authorizeUrl(), { headers: { origin: 'https://evil.example' } }));
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('makes a run for a request without one, and sets the as_csrf cookie on /as', async () => {
    const res = await GET(new Request(authorizeUrl()));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/as\/authorize\/sign-in\?request=[A-Za-z0-9_-]+$/);
    expect(setCookies(res).find((c) => c.startsWith('sandbox_run_key='))).toMatch(/^sandbox_run_key=runkey_[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
    expect(setCookies(res).find((c) => c.startsWith('as_csrf='))).toMatch(/; Path=\/as; HttpOnly; SameSite=Lax$/);
  });
});

describe('the sign-in and consent forms, over HTTP', () => {
  it('signs in (as_session: httpOnly, Path=/as, SameSite=Lax), consents read-only, redirects with a code', async () => {
    const first = await GET(new Request(authorizeUrl(), { headers: { 'x-sandbox-run': RUN } }));
    const secret = cookieValue(first, 'as_csrf')!;
    const requestId = new URL(first.headers.get('location')!, ORIGIN).searchParams.get('request')!;
    const csrf = csrfTokenFor(secret, requestId);
    const signIn = await postSession(form('/as/authorize/session', { request_id: requestId, csrf_token: csrf, user: 'alice' }, `as_csrf=${secret}`));
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe(`/as/authorize/consent?request=${requestId}`);
    expect(setCookies(signIn)[0]).toMatch(/^as_session=[A-Za-z0-9_-]{43}; Path=\/as; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const session = cookieValue(signIn, 'as_session')!;
    const decision = await postDecision(
      form('/as/authorize/decision', { request_id: requestId, csrf_token: csrf, scope: ['notes:read'], decision: 'allow' }, `as_csrf=${secret}; as_session=${session}`),
    );
    expect(decision.status).toBe(303);
    const loc = new URL(decision.headers.get('location')!);
    expect(loc.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loc.searchParams.get('iss')).toBe(`${ORIGIN}/as`);
  });

  it('refuses a form post that is not application/x-www-form-urlencoded with a 400 page', async () => {
    const res = await postSession(
      new Request(`${ORIGIN}/as/authorize/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('the form must be posted as application/x-www-form-urlencoded');
  });

  it('refuses a forged csrf_token with a 400 page, no redirect', async () => {
    const first = await GET(new Request(authorizeUrl(), { headers: { 'x-sandbox-run': RUN } }));
    const secret = cookieValue(first, 'as_csrf')!;
    const requestId = new URL(first.headers.get('location')!, ORIGIN).searchParams.get('request')!;
    const res = await postSession(form('/as/authorize/session', { request_id: requestId, csrf_token: 'forged', user: 'alice' }, `as_csrf=${secret}`));
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('the form could not be verified');
  });
});
