import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { authorizeInBrowserlessFlow, buildAuthorizationUrl, newPkce } from '../helpers/authorize';
import { budget, form, headerValue, json, origin, params, sendAndCheck, text } from './fuzz-support';

/**
 * Fuzzing with fast-check against the running server, every endpoint that
 * takes input, about 3 s each (some 30 s in all): never a 5xx, never a stack
 * trace or a file path, never a redirect to an unregistered URI, never
 * slower than 5 s (fuzz-support.ts). A counterexample is printed with its
 * seed (replay with FUZZ_SEED); keep the input as a named regression test beside this file.
 */
const SLICE_MS = 3_000;
const TEST_MS = 60_000;

const AUTHORIZE = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'resource', 'nonce', 'prompt', 'max_age', 'request', 'request_uri', 'id_token_hint', 'response_mode', 'login_hint', 'claims'];
const TOKEN = ['grant_type', 'code', 'redirect_uri', 'code_verifier', 'client_id', 'client_secret', 'refresh_token', 'scope', 'resource'];
const TOKEN_HINT = ['token', 'token_type_hint', 'client_id', 'client_secret'];
const FORM = 'application/x-www-form-urlencoded';
const contentType = fc.constantFrom(FORM, `${FORM}; charset=utf-8`, 'application/json', 'text/plain', 'multipart/form-data; boundary=x', '');

const runId = `it-fuzz-${crypto.randomUUID().replace(/-/g, '')}`;
let userToken = '';
let runCookie = '';

beforeAll(async () => {
  // A real token with notes:write, so that fuzzed bodies reach the Notes API's input checks.
  const { verifier, challenge } = newPkce();
  const redirectUri = 'http://127.0.0.1:48126/callback';
  const url = buildAuthorizationUrl({ origin, clientId: 'cli', redirectUri, scope: 'notes:read notes:write', state: 'f', codeChallenge: challenge });
  const callback = await authorizeInBrowserlessFlow({ origin, authorizationUrl: url, user: 'alice', runId });
  const res = await fetch(`${origin}/as/token`, {
    method: 'POST',
    headers: { 'content-type': FORM, 'x-sandbox-run': runId },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri, client_id: 'cli', code_verifier: verifier }),
  });
  userToken = ((await res.json()) as { access_token: string }).access_token;
  // A run of its own, held as a browser holds it (the cookie), for the run API.
  const page = await fetch(`${origin}/api/runs/current`);
  runCookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  // The resource server's first call fetches the JWKS: not a fuzzed answer's time.
  await (await fetch(`${origin}/rs/api/notes`, { headers: { authorization: `Bearer ${userToken}` } })).arrayBuffer();
}, TEST_MS);

const withAuth = (auth: string | null): Record<string, string> => (auth === null ? {} : { authorization: auth });

describe('fuzzing the authorization server', () => {
  it('GET /as/authorize', async () => {
    await fc.assert(
      fc.asyncProperty(params(AUTHORIZE), fc.boolean(), async (pairs, valid) => {
        const q = new URLSearchParams(valid ? { client_id: 'cli', redirect_uri: 'http://127.0.0.1:8765/callback', response_type: 'code' } : {});
        for (const [k, v] of pairs) q.append(k, v);
        await sendAndCheck({ method: 'GET', url: `${origin}/as/authorize?${q}` });
      }),
      budget(SLICE_MS),
    );
  }, TEST_MS);

  it('POST /as/authorize', async () => {
    await fc.assert(
      fc.asyncProperty(params(AUTHORIZE), contentType, async (pairs, type) => {
        await sendAndCheck({ method: 'POST', url: `${origin}/as/authorize`, headers: { 'content-type': type, origin }, body: form(pairs) });
      }),
      budget(SLICE_MS),
    );
  }, TEST_MS);

  it('POST /as/token', async () => {
    await fc.assert(
      fc.asyncProperty(params(TOKEN), fc.option(headerValue), contentType, async (pairs, auth, type) => {
        await sendAndCheck({ method: 'POST', url: `${origin}/as/token`, headers: { 'content-type': type, 'x-sandbox-run': runId, ...withAuth(auth) }, body: form(pairs) });
      }),
      budget(SLICE_MS),
    );
  }, TEST_MS);

  it('POST /as/introspect and /as/revoke', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('introspect', 'revoke'), params(TOKEN_HINT), fc.option(headerValue), contentType, async (endpoint, pairs, auth, type) => {
        await sendAndCheck({ method: 'POST', url: `${origin}/as/${endpoint}`, headers: { 'content-type': type, ...withAuth(auth) }, body: form(pairs) });
      }),
      budget(SLICE_MS),
    );
  }, TEST_MS);

  it('GET and POST /as/userinfo', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST'), fc.option(headerValue), params(['access_token']), async (method, auth, pairs) => {
        await sendAndCheck({ method, url: `${origin}/as/userinfo`, headers: { 'content-type': FORM, ...withAuth(auth) }, ...(method === 'POST' ? { body: form(pairs) } : {}) });
      }),
      budget(SLICE_MS),
    );
  }, TEST_MS);
});

describe('fuzzing the Notes API', () => {
  it('its Authorization header, path and JSON bodies', async () => {
    // Every byte percent-encoded (a lone surrogate becomes U+FFFD's bytes), plus escapes that do not decode.
    const encoded = text.map((s) => [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
    const id = fc.oneof(fc.constantFrom('n1', 'n2', 'n4', 'n6', '', '%E0%A4%A', '%', '..', '%2e%2e', 'n1%00', 'n1;x', 'n1?x=%ZZ'), encoded);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT'),
        id,
        fc.oneof(fc.constant(`Bearer ${userToken}`), headerValue),
        json(['title', 'body', 'public', 'archived', 'shares', 'userId', 'access', 'owner', 'id']),
        fc.constantFrom('application/json', FORM, 'text/plain'),
        async (method, noteId, auth, body, type) => {
          const path = method === 'POST' ? '' : `/${noteId}`;
          const hasBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
          await sendAndCheck({ method, url: `${origin}/rs/api/notes${path}`, headers: { authorization: auth, 'content-type': type }, ...(hasBody ? { body } : {}) });
        },
      ),
      budget(SLICE_MS),
    );
  }, TEST_MS);
});

describe("fuzzing the sandbox's run API", () => {
  it('PATCH /api/runs/current (settings)', async () => {
    await fc.assert(
      fc.asyncProperty(json(['accessTokenFormat', 'accessTokenAlg', 'verificationMode', 'accessTokenLifetime', 'refreshTokenLifetime', 'clockOffset']), async (body) => {
        await sendAndCheck({ method: 'PATCH', url: `${origin}/api/runs/current`, headers: { cookie: runCookie, origin, 'content-type': 'application/json' }, body });
      }),
      budget(SLICE_MS),
    );
  }, TEST_MS);

  it('POST /api/runs/current/import', async () => {
    const event = fc.record({ seq: fc.oneof(fc.nat(), text), at: fc.oneof(fc.nat(), text), from: text, to: text, type: text, summary: text, outcome: text }, { requiredKeys: [] });
    const exported = fc.record(
      { format: fc.oneof(fc.constant('oauth-sandbox-run'), text), version: fc.oneof(fc.constant(1), fc.integer()), exportedAt: text, settings: fc.jsonValue({ maxDepth: 2 }), dropped: fc.oneof(fc.integer(), text), events: fc.array(event, { maxLength: 5 }) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(exported.map((e) => JSON.stringify(e)), json(['format', 'version', 'events', 'settings'])), async (body) => {
        await sendAndCheck({ method: 'POST', url: `${origin}/api/runs/current/import`, headers: { cookie: runCookie, origin, 'content-type': 'application/json' }, body });
      }),
      budget(SLICE_MS),
    );
  }, TEST_MS);
});
