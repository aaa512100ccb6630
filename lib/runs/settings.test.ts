import { describe, expect, it } from 'vitest';
import { applySettingsUpdate, DEFAULT_SETTINGS } from './settings';
import { fixedClock, runClock } from './clock';

describe('run settings', () => {
  it('applies a partial update', () => {
    expect(applySettingsUpdate(DEFAULT_SETTINGS, { accessTokenFormat: 'opaque', clockOffset: 600 })).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, accessTokenFormat: 'opaque', clockOffset: 600 },
    });
  });

  it('RFC 9068 §2.1 switches JWT access tokens to RS256 and back; ES256 is the default', () => {
    expect(DEFAULT_SETTINGS.accessTokenAlg).toBe('ES256');
    const rs = applySettingsUpdate(DEFAULT_SETTINGS, { accessTokenAlg: 'RS256' });
    expect(rs).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, accessTokenAlg: 'RS256' } });
    if (!rs.ok) return;
    expect(applySettingsUpdate(rs.settings, { accessTokenAlg: 'ES256' })).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it.each(['none', 'HS256', 'rs256', 'PS256', '', null, 256])('refuses accessTokenAlg %j, by name', (alg) => {
    expect(applySettingsUpdate(DEFAULT_SETTINGS, { accessTokenAlg: alg })).toEqual({
      ok: false,
      field: 'accessTokenAlg',
      message: 'must be "ES256" or "RS256"',
    });
  });

  it('names the field that is wrong', () => {
    expect(applySettingsUpdate(DEFAULT_SETTINGS, { verificationMode: 'remote' })).toEqual({
      ok: false,
      field: 'verificationMode',
      message: 'must be "local" or "introspection"',
    });
    expect(applySettingsUpdate(DEFAULT_SETTINGS, { accessTokenTtl: 0 })).toMatchObject({ ok: false, field: 'accessTokenTtl' });
    expect(applySettingsUpdate(DEFAULT_SETTINGS, { colour: 'red' })).toEqual({ ok: false, field: 'colour', message: 'is not a run setting' });
    expect(applySettingsUpdate(DEFAULT_SETTINGS, [1])).toMatchObject({ ok: false, field: '(body)' });
  });
});

describe('run clock', () => {
  it('moves the wall clock by the run offset, in seconds', () => {
    const clock = runClock({ clockOffset: 3600 }, () => 1_700_000_000_500);
    expect(clock()).toBe(1_700_003_600);
  });

  it('a fixed clock stands still until advanced', () => {
    const c = fixedClock(100);
    expect(c()).toBe(100);
    c.advance(61);
    expect(c()).toBe(161);
  });
});
