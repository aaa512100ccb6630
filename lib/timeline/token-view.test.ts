import { describe, expect, it } from 'vitest';
import { generateKeyPair, SignJWT } from 'jose';
import { decodeTokenView, relativeTime, tokenView } from './token-view';

const NOW = 1_800_000_000;

describe('RFC 9068 access token view', () => {
  it('§2.2 decodes header and claims, with exp/iat as readable times and scope split', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const raw = await new SignJWT({ scope: 'openid notes:read', client_id: 'notes-assistant' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })
      .setIssuer('http://localhost:3000/as')
      .setSubject('alice')
      .setAudience('http://localhost:3000/rs')
      .setIssuedAt(NOW)
      .setExpirationTime(NOW + 300)
      .sign(privateKey);

    const view = decodeTokenView({ kind: 'access_token', raw }, NOW + 60);

    expect(view.format).toBe('jwt');
    expect(view.header).toEqual({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' });
    expect(view.signature).toBe(raw.split('.')[2]);
    const claim = (n: string) => view.claims.find((c) => c.name === n);
    expect(claim('scope')?.scopes).toEqual(['openid', 'notes:read']);
    expect(claim('exp')?.time).toEqual({ iso: '2027-01-15T08:05:00Z', relative: 'in 4 min' });
    expect(claim('iat')?.time).toEqual({ iso: '2027-01-15T08:00:00Z', relative: '1 min ago' });
    expect(claim('sub')).toEqual({ name: 'sub', value: '"alice"' });
  });

  it('uses the header and payload the recorder already decoded', () => {
    const view = decodeTokenView(
      { kind: 'access_token', raw: 'a.b.c', header: { alg: 'ES256' }, payload: { exp: NOW - 7200 } },
      NOW,
    );
    expect(view.format).toBe('jwt');
    expect(view.claims[0]?.time?.relative).toBe('2 h ago');
  });

  it('shows an opaque token or one that does not decode as raw only', () => {
    expect(decodeTokenView({ kind: 'refresh_token', raw: 'opaque-value' }, NOW)).toEqual({
      kind: 'refresh_token',
      raw: 'opaque-value',
      format: 'opaque',
      claims: [],
    });
    expect(decodeTokenView({ kind: 'access_token', raw: 'not.a.jwt' }, NOW).format).toBe('opaque');
  });

  it('says how far a time is from the run’s now', () => {
    expect(relativeTime(NOW, NOW)).toBe('now');
    expect(relativeTime(NOW + 3600, NOW)).toBe('in 1 h');
    expect(relativeTime(NOW - 2 * 86_400, NOW)).toBe('2 d ago');
  });
});

describe('token as a party records it', () => {
  it('keeps a JWT raw with its decoded header and payload, and an opaque token raw only', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const raw = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' }).sign(privateKey);
    expect(tokenView('access_token', raw)).toEqual({ kind: 'access_token', raw, header: { alg: 'ES256', typ: 'at+jwt' }, payload: { sub: 'alice' } });
    expect(tokenView('refresh_token', 'opaque-abc.def')).toEqual({ kind: 'refresh_token', raw: 'opaque-abc.def' });
  });
});
