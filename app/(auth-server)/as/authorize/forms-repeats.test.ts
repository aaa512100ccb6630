import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from './route';
import { POST as postSession } from './session/route';
import { POST as postDecision } from './decision/route';
import { s256Challenge } from '@/lib/oauth/pkce';
import { csrfTokenFor } from '@/lib/auth-server/pending-request';

const ORIGIN = 'http://localhost:3000';
const RUN = 'forms-repeat-run-aaaaaaaaaaaa';
beforeAll(() => {
  process.env.SANDBOX_ORIGIN = ORIGIN;
});

const cookieOf = (r: Response, name: string) =>
  r.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0]!.slice(name.length + 1);

const post = (path: string, body: string, cookie: string) =>
  new Request(new URL(path, ORIGIN), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body });

async function pending() {
  const url = new URL('/as/authorize', ORIGIN);
  const q = { response_type: 'code', client_id: 'cli', redirect_uri: 'http://127.0.0.1:53117/callback', scope: 'notes:read', state: 'st', code_challenge: s256Challenge('x'.repeat(43)), code_challenge_method: 'S256' };
  for (const [k, v] of Object.entries(q)) url.searchParams.set(k, v);
  const first = await GET(new Request(url, { headers: { 'x-sandbox-run': RUN } }));
  const secret = cookieOf(first, 'as_csrf')!;
  const requestId = new URL(first.headers.get('location')!, ORIGIN).searchParams.get('request')!;
  return { secret, requestId, csrf: csrfTokenFor(secret, requestId) };
}

describe('RFC 6749 §3.1 the sign-in and consent forms take each field once', () => {
  it('refuses decision=allow&decision=deny with a 400 page, and issues no code', async () => {
    const { secret, requestId, csrf } = await pending();
    const signIn = await postSession(post('/as/authorize/session', `request_id=${requestId}&csrf_token=${csrf}&user=alice`, `as_csrf=${secret}`));
    const session = cookieOf(signIn, 'as_session')!;
    const res = await postDecision(
      post('/as/authorize/decision', `request_id=${requestId}&csrf_token=${csrf}&scope=notes:read&decision=allow&decision=deny`, `as_csrf=${secret}; as_session=${session}`),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('decision must not be included more than once');
  });

  it('refuses user=alice&user=carol at sign-in with a 400 page, and signs no one in', async () => {
    const { secret, requestId, csrf } = await pending();
    const res = await postSession(post('/as/authorize/session', `request_id=${requestId}&csrf_token=${csrf}&user=alice&user=carol`, `as_csrf=${secret}`));
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('as_session='))).toBe(false);
    expect(await res.text()).toContain('user must not be included more than once');
  });
});
