/** A run's settings: used by every party from the first request. */
export interface RunSettings {
  /** Access token format issued by the authorization server. */
  accessTokenFormat: 'jwt' | 'opaque';
  /**
   * The signature algorithm of a JWT access token: ES256 (the default) or
   * RS256, which RFC 9068 §2.1 requires every conforming server to support.
   */
  accessTokenAlg: 'ES256' | 'RS256';
  /** How the resource server checks an access token. Opaque tokens are always introspected. */
  verificationMode: 'local' | 'introspection';
  /** Access token lifetime, seconds. */
  accessTokenTtl: number;
  /** Refresh token lifetime, seconds. */
  refreshTokenTtl: number;
  /** Added to the wall clock for this run, seconds: time travel to expire tokens. */
  clockOffset: number;
}

export const DEFAULT_SETTINGS: RunSettings = {
  accessTokenFormat: 'jwt',
  accessTokenAlg: 'ES256',
  verificationMode: 'local',
  accessTokenTtl: 300,
  refreshTokenTtl: 86_400,
  clockOffset: 0,
};

type SettingsResult = { ok: true; settings: RunSettings } | { ok: false; field: string; message: string };

/** Validates a partial update from the API; unknown fields and bad values are refused, by name. */
export function applySettingsUpdate(current: RunSettings, update: unknown): SettingsResult {
  if (typeof update !== 'object' || update === null || Array.isArray(update)) {
    return { ok: false, field: '(body)', message: 'the body must be a JSON object' };
  }
  const next: RunSettings = { ...current };
  for (const [key, value] of Object.entries(update)) {
    switch (key) {
      case 'accessTokenFormat':
        if (value !== 'jwt' && value !== 'opaque') return { ok: false, field: key, message: 'must be "jwt" or "opaque"' };
        next.accessTokenFormat = value;
        break;
      case 'accessTokenAlg':
        if (value !== 'ES256' && value !== 'RS256') return { ok: false, field: key, message: 'must be "ES256" or "RS256"' };
        next.accessTokenAlg = value;
        break;
      case 'verificationMode':
        if (value !== 'local' && value !== 'introspection')
          return { ok: false, field: key, message: 'must be "local" or "introspection"' };
        next.verificationMode = value;
        break;
      case 'accessTokenTtl':
      case 'refreshTokenTtl':
        if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 30 * 86_400)
          return { ok: false, field: key, message: 'must be a whole number of seconds from 1 to 2592000' };
        next[key] = value as number;
        break;
      case 'clockOffset':
        if (!Number.isInteger(value) || Math.abs(value as number) > 365 * 86_400)
          return { ok: false, field: key, message: 'must be a whole number of seconds within one year' };
        next.clockOffset = value as number;
        break;
      default:
        return { ok: false, field: key, message: 'is not a run setting' };
    }
  }
  return { ok: true, settings: next };
}
