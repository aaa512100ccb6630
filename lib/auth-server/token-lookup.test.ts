import { describe, expect, it } from 'vitest';
import { seedCode, testDeps, VERIFIER } from './test-support';
import { tokenRequest } from './token-test-support';
import { isOurIdToken } from './token-lookup';

describe('mutation testing (npm run mutation): what counts as an ID token this server signed', () => {
  // RFC 7009 §2.2.1 needs a yes or no: only an ID token this server signed is unsupported_token_type.
  it.each(['garbage', 'a.b.c', 'e30.e30.'])('RFC 7515 §7.1 %s is no JWS of ours: false', async (token) => {
    expect(await isOurIdToken(testDeps().deps, token)).toBe(false);
  });

  it('OpenID Connect Core §2 the ID token issued here is ours: true; its access token (typ at+jwt) is not an ID token', async () => {
    const t = testDeps();
    const { code, redirectUri } = seedCode(t);
    const { body } = await tokenRequest(t.deps, { grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER });
    expect(await isOurIdToken(t.deps, body.id_token!)).toBe(true);
    expect(await isOurIdToken(t.deps, body.access_token)).toBe(false);
  });
});
