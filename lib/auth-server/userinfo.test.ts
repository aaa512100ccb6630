import { describe, expect, it } from 'vitest';
import { revokeGrant } from '@/lib/store/grants';
import { seedCode, T0, testDeps, VERIFIER } from './test-support';
import { basicAuth, rejection, tokenRequest } from './token-test-support';
import { extractBearerToken, userinfo } from './userinfo';

/** A request to the UserInfo endpoint as the route hands it over. */
function bearer(o: { authorization?: string; method?: string; contentType?: string | null; body?: string; query?: string }) {
  return extractBearerToken({
    authorization: o.authorization ?? null,
    method: o.method ?? 'GET',
    contentType: o.contentType === undefined ? null : o.contentType,
    body: async () => o.body ?? '',
    query: new URLSearchParams(o.query ?? ''),
  });
}

const FORM = 'application/x-www-form-urlencoded';

describe('mutation testing (npm run mutation): where the UserInfo endpoint takes the access token from', () => {
  // RFC 6750 §2.2: the form-encoded body parameter is used only when the method is not GET and the
  // content type is application/x-www-form-urlencoded; anywhere else the body is not a token.
  it('RFC 6750 §2.2 takes access_token from a POST form body', async () => {
    expect(await bearer({ method: 'POST', contentType: FORM, body: 'access_token=tok-1' })).toBe('tok-1');
  });

  it('RFC 6750 §2.2 takes no token from the body of a GET, nor from a POST body that is not a form', async () => {
    expect(await bearer({ method: 'GET', contentType: FORM, body: 'access_token=tok-1' })).toBeUndefined();
    expect(await bearer({ method: 'POST', contentType: 'application/json', body: 'access_token=tok-1' })).toBeUndefined();
  });

  // RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; RFC 9110 §5.5: whitespace around a field value is not part of it.
  it('RFC 6750 §2.1 reads Bearer with one or more spaces, and a header value with whitespace around it', async () => {
    expect(await bearer({ authorization: 'Bearer  tok-2' })).toBe('tok-2');
    expect(await bearer({ authorization: '  Bearer tok-3 ' })).toBe('tok-3');
    expect(await bearer({ authorization: 'bearer tok-4' })).toBe('tok-4');
  });

  it('RFC 6750 §2.1 a header whose scheme only ends in "Bearer" is invalid_request', async () => {
    expect(await rejection(bearer({ authorization: 'XBearer tok-5' }))).toEqual([
      'invalid_request',
      'malformed Authorization header: expected Bearer and one token',
      400,
    ]);
  });

  // RFC 6750 §2: "Clients MUST NOT use more than one method to transmit the token in each request."
  it('RFC 6750 §2 a token in the header and in the form body is invalid_request', async () => {
    const [code, , status] = await rejection(bearer({ authorization: 'Bearer tok-6', method: 'POST', contentType: FORM, body: 'access_token=tok-6' }));
    expect([code, status]).toEqual(['invalid_request', 400]);
  });
});

async function accessToken(t: ReturnType<typeof testDeps>, scope = 'openid profile offline_access notes:read') {
  const { code, redirectUri } = seedCode(t, { scope });
  const { body } = await tokenRequest(t.deps, { grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER });
  return body.access_token;
}

describe('mutation testing (npm run mutation): which access tokens UserInfo answers', () => {
  // OpenID Connect Core §5.3.3 and RFC 6750 §3.1: an expired or revoked token is invalid_token (401).
  it.each(['jwt', 'opaque'] as const)('RFC 6750 §3.1 an expired %s access token is invalid_token (401)', async (format) => {
    const t = testDeps({ accessTokenFormat: format, accessTokenTtl: 60 });
    const token = await accessToken(t);
    t.clock.advance(60);
    expect(await rejection(userinfo(token, t.deps))).toEqual(['invalid_token', 'the access token is expired', 401]);
  });

  it('RFC 6750 §3.1 an access token whose grant was revoked is invalid_token (401)', async () => {
    const t = testDeps({ accessTokenFormat: 'opaque' });
    const token = await accessToken(t);
    const grantId = (t.db.prepare('SELECT grant_id AS g FROM as_access_tokens').get() as { g: string }).g;
    revokeGrant(t.db, grantId, T0);
    expect(await rejection(userinfo(token, t.deps))).toEqual(['invalid_token', 'the access token is revoked', 401]);
  });

  it('OpenID Connect Core §5.3.2 a live token with openid and profile answers the claims and records them', async () => {
    const t = testDeps();
    const token = await accessToken(t);
    t.clock.advance(59);
    expect(await userinfo(token, t.deps)).toEqual({ sub: 'alice', name: 'Alice', role: 'editor' });
    expect(t.recorder.events.at(-1)).toMatchObject({
      type: 'userinfo.answered',
      from: 'client',
      to: 'auth-server',
      outcome: 'ok',
      data: { client_id: 'cli', claims: { sub: 'alice', name: 'Alice', role: 'editor' } },
    });
  });
});

describe('mutation testing (npm run mutation): a token with no user behind it', () => {
  // OpenID Connect Core §5.3: UserInfo returns claims about the authenticated End-User. A client
  // credentials token (RFC 6749 §4.4) has none, even if a run's scopes let it carry openid.
  it('OpenID Connect Core §5.3 a client credentials token carrying openid is insufficient_scope (403), no claims', async () => {
    const t = testDeps({ accessTokenFormat: 'opaque' });
    const scopes = { openid: { meaning: 'Sign in', clients: ['reporting-service'] } };
    const deps = { ...t.deps, openRun: (runId: string) => ({ ...t.deps.openRun(runId), scopes }) };
    const { body } = await tokenRequest(deps, { grant_type: 'client_credentials', scope: 'openid' }, basicAuth('reporting-service', 'reporting-service-secret'));
    expect(body.scope).toBe('openid');
    expect(await rejection(userinfo(body.access_token, t.deps))).toEqual(['insufficient_scope', 'the access token does not carry the openid scope', 403]);
    expect(t.recorder.events.map((e) => e.type)).not.toContain('userinfo.answered');
  });
});
