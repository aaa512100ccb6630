import { describe, expect, it } from 'vitest';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl, CookieJar, newPkce } from './helpers/authorize';
import { newRun as ownRun, runEvents, type TestRun } from './helpers/run';

const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const issuer = `${origin}/as`;
const redirectUri = 'http://127.0.0.1:48123/callback';

/** A run name only, for requests whose events no test reads. */
const newRun = () => `it-authorize-${crypto.randomUUID().replace(/-/g, '')}`;

async function eventTypes(run: TestRun): Promise<string[]> {
  return (await runEvents(origin, run)).map((e) => e.type);
}

describe('authorization endpoint, driven as an outside client (RFC 6749 §4.1)', () => {
  it('§4.1.2 A11 signs alice in, consents read-only, and redirects with code, state and iss', async () => {
    const run = await ownRun(origin);
    const runId = run.id;
    const { challenge } = newPkce();
    const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read notes:write', state: 'st-1', codeChallenge: challenge });
    const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', uncheck: ['notes:write'], runId });
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(callback.searchParams.get('state')).toBe('st-1');
    expect(callback.searchParams.get('iss')).toBe(issuer);
    expect(await eventTypes(run)).toEqual([
      'authorization_request.received',
      'user.signed_in',
      'consent.shown',
      'consent.granted',
      'authorization_code.issued',
    ]);
  });

  it('reuses the remembered consent for the same client when it asks for no more (consent.reused)', async () => {
    const run = await ownRun(origin);
    const runId = run.id;
    const jar = new CookieJar();
    const url = () =>
      buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read', state: 's', codeChallenge: newPkce().challenge });
    await authorizeInBrowserlessFlow({ origin, authorizationUrl: url(), runId, jar });
    const again = await fetch(url(), { redirect: 'manual', headers: { cookie: jar.header(), 'x-sandbox-run': runId } });
    expect(again.status).toBe(303);
    const location = new URL(again.headers.get('location')!);
    expect(location.searchParams.get('code')).toBeTruthy();
    expect((await eventTypes(run)).slice(-3)).toEqual(['authorization_request.received', 'consent.reused', 'authorization_code.issued']);
  });

  it('§4.1.2.1 A8 Deny redirects with error=access_denied, state and iss', async () => {
    const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read', state: 'st-2', codeChallenge: newPkce().challenge });
    const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, deny: true, runId: newRun() });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toBe('the user denied the request');
    expect(callback.searchParams.get('state')).toBe('st-2');
    expect(callback.searchParams.get('iss')).toBe(issuer);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('§4.1.2.1 A3 an unregistered redirect_uri gets a 400 page, never a redirect', async () => {
    const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri: 'http://127.0.0.1:48123/other', scope: 'notes:read', codeChallenge: newPkce().challenge });
    const res = await fetch(url, { redirect: 'manual', headers: { 'x-sandbox-run': newRun() } });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('is not registered for cli');
    await expect(authorizeInBrowserlessFlow({ origin, authorizationUrl: url })).rejects.toThrow(/answered 400/);
  });

  it('RFC 7636 §4.4.1 P4 a request without code_challenge is redirected with invalid_request and iss', async () => {
    const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read', state: 'x' });
    const res = await fetch(url, { redirect: 'manual', headers: { 'x-sandbox-run': newRun() } });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toBe('code challenge required');
    expect(location.searchParams.get('iss')).toBe(issuer);
  });

  it('a form post with a forged csrf_token gets a 400 page', async () => {
    const jar = new CookieJar();
    const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read', codeChallenge: newPkce().challenge });
    const first = await fetch(url, { redirect: 'manual' });
    jar.store(first);
    const requestId = new URL(first.headers.get('location')!, origin).searchParams.get('request')!;
    const res = await fetch(`${origin}/as/authorize/session`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: requestId, csrf_token: 'forged', user: 'alice' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('the form could not be verified');
  });

  it('RFC 9700 §2.6 A13 answers a CORS preflight without CORS headers', async () => {
    const res = await fetch(`${origin}/as/authorize`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
  });
});
