import { describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/runs/clock';
import { collectingRecorder } from '@/lib/timeline/recorder';
import { introspectAccessToken, type IntrospectionDeps } from './introspection-client';

const NOW = 1_800_000_000;
const RS = 'http://localhost:3000/rs';

function deps(answer: Record<string, unknown>): IntrospectionDeps {
  return {
    endpoint: 'http://localhost:3000/as/introspect',
    clientId: 'notes-api',
    clientSecret: 'notes-api-secret',
    resource: RS,
    fetch: async () => Response.json(answer),
    clockFor: () => fixedClock(NOW),
    recorder: collectingRecorder(),
  };
}

const live = { active: true, scope: 'notes:read', client_id: 'cli', sub: 'alice', aud: RS, exp: NOW + 300, iat: NOW, iss: 'http://localhost:3000/as' };

describe('RFC 7662 §2.2 the RS trusts an introspection answer only for an access token', () => {
  it('accepts an active Bearer access token for this resource', async () => {
    const v = await introspectAccessToken('t', deps({ ...live, token_type: 'Bearer' }));
    expect(v.ok).toBe(true);
    expect(v.checks.map((c) => [c.name, c.passed])).toContainEqual(['token_type', true]);
  });

  it('accepts token_type bearer in any case (RFC 6749 §5.1: case-insensitive), and an answer without token_type', async () => {
    expect((await introspectAccessToken('t', deps({ ...live, token_type: 'bearer' }))).ok).toBe(true);
    expect((await introspectAccessToken('t', deps(live))).ok).toBe(true);
  });

  it.each(['refresh_token', 'N_A', 'DPoP', 'urn:ietf:params:oauth:token-type:id_token'])(
    'refuses an active answer whose token_type is %s with 401 invalid_token, even when it carries aud',
    async (tokenType) => {
      const v = await introspectAccessToken('t', deps({ ...live, token_type: tokenType }));
      expect(v.ok).toBe(false);
      if (v.ok) return;
      expect([v.error.code, v.error.status]).toEqual(['invalid_token', 401]);
      expect(v.error.description).toBe(`the token is a ${tokenType}, not a Bearer access token (RFC 7662 section 2.2 token_type)`);
      expect(v.checks.at(-1)).toEqual({ name: 'token_type', passed: false, reason: v.error.description });
    },
  );

  it('refuses a malformed token_type (not a string)', async () => {
    const v = await introspectAccessToken('t', deps({ ...live, token_type: 7 }));
    expect(v.ok).toBe(false);
  });
});
