import { describe, expect, it } from 'vitest';
import { Params } from '@/lib/oauth/params';
import { findAuthorizationCode } from '@/lib/store/authorization-codes';
import { validateAuthorizationRequest } from './authorization-request';
import { issueAuthorizationCode } from './issue-code';
import { T0, TEST_RUN, testDeps } from './test-support';
import { tokenHash } from './token-hash';

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

function validated(t: ReturnType<typeof testDeps>) {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: 'cli',
    redirect_uri: 'http://127.0.0.1:53117/callback',
    scope: 'openid notes:read',
    state: 'st-1',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
  });
  const r = validateAuthorizationRequest(new Params(q), t.deps);
  if (!r.ok) throw new Error(`the request should be valid: ${r.error.description}`);
  return r.request;
}

describe('mutation testing (npm run mutation): the authorization code issued, and what the timeline hears', () => {
  // RFC 6749 §4.1.2: the code goes back to the client's redirect URI with state (as sent) and, by
  // RFC 9207 §2, iss; it lives at most 10 minutes (60 s here) and is bound to the client and the URI.
  it('RFC 6749 §4.1.2 redirects with code, state and iss, and records authorization_code.issued with the grant it made', () => {
    const t = testDeps();
    const { code, location } = issueAuthorizationCode(validated(t), { runId: TEST_RUN, userId: 'alice', authTime: T0 - 5, scope: ['openid', 'notes:read'] }, t.deps);
    const url = new URL(location);
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:53117/callback');
    expect(Object.fromEntries(url.searchParams)).toEqual({ code, state: 'st-1', iss: 'http://localhost:3000/as' });
    expect(findAuthorizationCode(t.db, tokenHash(code))).toMatchObject({ clientId: 'cli', redirectUri: 'http://127.0.0.1:53117/callback', expiresAt: T0 + 60 });
    expect(t.recorder.events.at(-1)).toMatchObject({
      type: 'authorization_code.issued',
      from: 'auth-server',
      to: 'browser',
      outcome: 'ok',
      tokens: [{ kind: 'authorization_code', raw: code }],
      data: {
        client_id: 'cli',
        user: 'alice',
        scope: 'openid notes:read',
        resource: 'http://localhost:3000/rs',
        redirect_uri: 'http://127.0.0.1:53117/callback',
        location,
        expires_in: 60,
      },
    });
  });
});
