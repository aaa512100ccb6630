import { describe, expect, it } from 'vitest';
import { decodeJwt, importJWK, SignJWT, type JWK } from 'jose';
import { Params } from '@/lib/oauth/params';
import { findAccessTokenByJti } from '@/lib/store/access-tokens';
import { findCurrentSigningKey } from '@/lib/store/signing-keys';
import { clientRegistry } from './clients';
import { revoke } from './revocation';
import { seedCode, TEST_RUN, testDeps, VERIFIER } from './test-support';
import { rejection, tokenRequest } from './token-test-support';

const cli = clientRegistry().find('cli')!;
const assistant = clientRegistry().find('notes-assistant')!;

type Deps = ReturnType<typeof testDeps>;

async function issued(t: Deps) {
  const { code, redirectUri } = seedCode(t);
  return (await tokenRequest(t.deps, { grant_type: 'authorization_code', client_id: 'cli', code, redirect_uri: redirectUri, code_verifier: VERIFIER })).body;
}
const revokeAs = (t: Deps, token: string, client = cli, hint?: string) =>
  revoke({ client, form: Params.fromForm(new URLSearchParams({ token, ...(hint ? { token_type_hint: hint } : {}) }).toString()) }, t.deps);

/** A JWT signed with this server's own current key for `alg`, with the header and claims given. */
async function signedByUs(t: Deps, alg: 'ES256' | 'RS256', typ: string, claims: Record<string, unknown>) {
  const row = findCurrentSigningKey(t.db, alg)!;
  const key = await importJWK(JSON.parse(row.privateJwk) as JWK, alg);
  return new SignJWT(claims).setProtectedHeader({ alg, kid: row.kid, typ }).sign(key);
}

describe('mutation testing (npm run mutation): what the timeline hears of a revocation', () => {
  // RFC 7009 §2.1: the client revokes its own token; the event says who asked, what kind of token it
  // was and the hint the client gave (token_type_hint, §2.1 OPTIONAL).
  it('RFC 7009 §2.1 revoking its own access token records token.revoked from the client, ok, with the kind and the hint', async () => {
    const t = testDeps();
    const { access_token } = await issued(t);
    await revokeAs(t, access_token, cli, 'access_token');
    expect(t.recorder.events.at(-1)).toMatchObject({
      type: 'token.revoked',
      from: 'client',
      to: 'auth-server',
      outcome: 'ok',
      data: { client_id: 'cli', kind: 'access_token', token_type_hint: 'access_token' },
    });
    expect(findAccessTokenByJti(t.db, decodeJwt(access_token).jti!)!.revokedAt).not.toBeNull();
  });

  it('RFC 7009 §2.1 revoking its own refresh token records outcome ok and kind refresh_token; without a hint, none is recorded', async () => {
    const t = testDeps();
    const { refresh_token } = await issued(t);
    await revokeAs(t, refresh_token!);
    const event = t.recorder.events.at(-1)!;
    expect(event).toMatchObject({ type: 'token.revoked', outcome: 'ok', data: { client_id: 'cli', kind: 'refresh_token' } });
    expect(event.data).not.toHaveProperty('token_type_hint');
  });

  // RFC 7009 §2.1: the AS verifies the token was issued to the client asking; if not, it refuses (and
  // answers 200, R4). The token's run is another party's story: only its own client's revocation goes there.
  it("RFC 7009 §2.1 another client's attempt stays on the caller's run; the token's own client's revocation goes to the token's run", async () => {
    const t = testDeps();
    const { access_token } = await issued(t);
    t.recorder.runId = undefined;
    await revokeAs(t, access_token, assistant);
    expect(t.recorder.runId).toBeUndefined();
    const refused = t.recorder.events.at(-1)!;
    expect(refused).toMatchObject({ type: 'token.revoked', outcome: 'info', data: { client_id: 'notes-assistant', kind: 'access_token' } });
    // Shown to a person: the timeline line says something, not nothing.
    expect(refused.summary).toEqual(expect.stringMatching(/\S/));
    expect(findAccessTokenByJti(t.db, decodeJwt(access_token).jti!)!.revokedAt).toBeNull();
    await revokeAs(t, access_token, cli);
    expect(t.recorder.runId).toBe(TEST_RUN);
  });
});

describe('mutation testing (npm run mutation): which tokens count as an ID token that cannot be revoked', () => {
  // RFC 7009 §2.2.1 unsupported_token_type is for a token type this server cannot revoke (an ID
  // token, R5); an access token this server signed but no longer knows (its run was cleaned up) is
  // simply an invalid token: §2.2, 200 and nothing revoked.
  it('RFC 7009 §2.2 a JWT access token (typ at+jwt) signed with our RSA key but no longer stored is not taken for an ID token', async () => {
    const t = testDeps({ accessTokenFormat: 'jwt', accessTokenAlg: 'RS256' });
    const { access_token } = await issued(t);
    t.db.prepare('DELETE FROM as_access_tokens').run();
    await expect(revokeAs(t, access_token)).resolves.toBeUndefined();
    expect(t.recorder.events.at(-1)).toMatchObject({ type: 'token.revoked', outcome: 'info', data: { kind: 'unknown' } });
  });

  // The ID tokens here are RS256 (OpenID Connect Core §3.1.3.7, the discovery document's
  // id_token_signing_alg_values_supported); a typ JWT token signed with the EC key is none of ours.
  it('RFC 7009 §2.2 a typ JWT token signed with our EC (ES256) key is not an ID token of ours', async () => {
    const t = testDeps();
    const token = await signedByUs(t, 'ES256', 'JWT', { sub: 'alice', aud: 'cli', iss: t.deps.issuer });
    await expect(revokeAs(t, token)).resolves.toBeUndefined();
  });

  it('RFC 7009 §2.2.1 a typ JWT token signed with our RSA key is an ID token: unsupported_token_type', async () => {
    const t = testDeps();
    const token = await signedByUs(t, 'RS256', 'JWT', { sub: 'alice', aud: 'cli', iss: t.deps.issuer });
    expect(await rejection(revokeAs(t, token))).toEqual(['unsupported_token_type', 'an ID token cannot be revoked', 400]);
  });
});
