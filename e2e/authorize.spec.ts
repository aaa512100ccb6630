import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { ConsentPage } from './pages/as-consent-page';
import { SignInPage } from './pages/as-sign-in-page';
import { LoopbackCallback } from './pages/loopback-callback';

const SCOPES = ['notes:read', 'notes:write'];

function authorizationUrl(baseURL: string, redirectUri: string, state: string) {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL('/as/authorize', baseURL);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: 'cli',
    redirect_uri: redirectUri,
    scope: SCOPES.join(' '),
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.href, verifier };
}

let callback: LoopbackCallback;
test.beforeEach(async () => {
  callback = await new LoopbackCallback().start();
});
test.afterEach(async () => {
  await callback.stop();
});

test('the cli client gets a read-only code: alice unchecks notes:write and allows', async ({ page, baseURL }) => {
  const signIn = new SignInPage(page);
  const consent = new ConsentPage(page);
  const { url, verifier } = authorizationUrl(baseURL!, callback.redirectUri, 'e2e-state-1');
  let code = '';

  await test.step('authorization request: the browser is sent to /as/authorize and meets the sign-in page', async () => {
    await page.goto(url);
    await signIn.expectShownFor('Command-line client');
  });

  await test.step('sign-in at the authorization server as alice', async () => {
    await signIn.signInAs('alice');
    await consent.expectShownFor('Command-line client', SCOPES);
    await expect(page.getByText('Signed in as')).toContainText('alice');
  });

  await test.step('consent: uncheck notes:write, Allow', async () => {
    await consent.uncheck('notes:write');
    await expect(consent.scope('notes:write')).not.toBeChecked();
    await consent.allow();
  });

  await test.step('authorization response: the loopback callback gets code, state and iss', async () => {
    const response = await callback.next();
    expect(response.port).toBe(String(callback.port));
    code = response.searchParams.get('code') ?? '';
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.searchParams.get('state')).toBe('e2e-state-1');
    expect(response.searchParams.get('iss')).toBe(new URL('/as', baseURL).href);
    await expect(page.getByRole('heading', { name: 'Authorization response received' })).toBeVisible();
  });

  await test.step('token request: the code is exchanged, and the granted scope is notes:read only', async () => {
    const res = await page.request.post('/as/token', {
      form: { grant_type: 'authorization_code', code, redirect_uri: callback.redirectUri, client_id: 'cli', code_verifier: verifier },
    });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { access_token?: string; token_type?: string; scope?: string };
    expect(body.access_token).toBeTruthy();
    expect(body.token_type?.toLowerCase()).toBe('bearer');
    expect(body.scope).toBe('notes:read');
  });

  await test.step('timeline: the protocol legs in order', async () => {
    const res = await page.request.get('/api/runs/current/events');
    const types = ((await res.json()) as { events: { type: string }[] }).events.map((e) => e.type);
    const legs = ['authorization_request.received', 'user.signed_in', 'consent.shown', 'consent.granted', 'authorization_code.issued', 'token.issued'];
    const positions = legs.map((t) => types.indexOf(t));
    expect(positions.every((p) => p >= 0), `events: ${types.join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

test('Deny sends the browser back with error=access_denied, state and iss, and no code', async ({ page, baseURL }) => {
  const signIn = new SignInPage(page);
  const consent = new ConsentPage(page);
  const { url } = authorizationUrl(baseURL!, callback.redirectUri, 'e2e-state-2');

  await test.step('authorization request and sign-in as bob', async () => {
    await page.goto(url);
    await signIn.signInAs('bob');
    await consent.expectShownFor('Command-line client', SCOPES);
  });

  await test.step('consent: Deny', async () => {
    await consent.deny();
  });

  await test.step('authorization response: access_denied with state and iss', async () => {
    const response = await callback.next();
    expect(response.searchParams.get('error')).toBe('access_denied');
    expect(response.searchParams.get('error_description')).toBe('the user denied the request');
    expect(response.searchParams.get('state')).toBe('e2e-state-2');
    expect(response.searchParams.get('iss')).toBe(new URL('/as', baseURL).href);
    expect(response.searchParams.has('code')).toBe(false);
  });
});

test('an unregistered redirect_uri gets the error page, and the browser stays at the authorization server', async ({ page, baseURL }) => {
  await test.step('authorization request with http://127.0.0.1:{port}/elsewhere', async () => {
    const { url } = authorizationUrl(baseURL!, `http://127.0.0.1:${callback.port}/elsewhere`, 's');
    const response = await page.goto(url);
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('heading', { name: 'This authorization request cannot go on' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('is not registered for cli');
    await expect(page.getByRole('heading', { name: 'How to fix it' })).toBeVisible();
    expect(callback.received).toHaveLength(0);
  });
});
