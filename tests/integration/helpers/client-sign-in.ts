/**
 * Signs in to Notes Assistant (next-auth, /api/auth/...) with no browser:
 * next-auth's CSRF token, its sign-in POST, the authorization server's own
 * forms (authorizeInBrowserlessFlow), then the callback. Returns the cookie
 * jar holding next-auth's session cookie (and the browser's run key cookie
 * `sandbox_run_key`, with `runKey`: the browser owns that run).
 */
import { expect } from 'vitest';
import { authorizeInBrowserlessFlow, CookieJar, type DemoUserId } from './authorize';

export async function signInToNotesAssistant(o: { origin: string; user?: DemoUserId; scope: string; runKey?: string }): Promise<CookieJar> {
  const jar = new CookieJar();
  if (o.runKey) jar.cookies.set('sandbox_run_key', o.runKey);
  const get = async (url: string) => {
    const r = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(r);
    return r;
  };
  const csrf = await get(`${o.origin}/api/auth/csrf`);
  expect(csrf.status).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${o.origin}/api/auth/signin/sandbox?scope=${encodeURIComponent(o.scope)}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${o.origin}/client/notes`, json: 'true' }),
  });
  jar.store(signIn);
  const authorize = new URL(((await signIn.json()) as { url: string }).url);
  // To the authorization server of this very origin, with the callback on it too.
  expect(authorize.origin + authorize.pathname).toBe(`${o.origin}/as/authorize`);
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${o.origin}/api/auth/callback/sandbox`);
  const callback = await authorizeInBrowserlessFlow({ origin: o.origin, authorizationUrl: authorize, user: o.user ?? 'alice', jar });
  expect(callback.pathname).toBe('/api/auth/callback/sandbox');
  const done = await get(callback.toString());
  expect(done.status).toBe(302);
  expect(done.headers.get('location')).toBe(`${o.origin}/client/notes`);
  expect(jar.cookies.get('next-auth.session-token')).toBeTruthy();
  return jar;
}
