import { describe, expect, it } from 'vitest';

/**
 * Every page a visitor may open first gets what the home page gets (issue 13):
 * framing refused (RFC 6749 §10.13: CSP frame-ancestors 'none', X-Frame-Options
 * DENY), and a run of their own, its key in an httpOnly SameSite=Lax cookie
 * (proxy.ts), so what they do there lands on their timeline. Notes Agent
 * (/agent), the attack panel (/attacks) and the authorization server's page
 * (/as) were left out of the proxy's matcher.
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';

describe('a first visit to any page gets framing refused and a run key cookie', () => {
  for (const path of ['/', '/agent', '/attacks', '/as']) {
    it(`GET ${path} with no cookie`, async () => {
      const res = await fetch(`${origin}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const cookies = res.headers.getSetCookie().filter((c) => c.startsWith('sandbox_run_key='));
      expect(cookies).toHaveLength(1);
      expect(cookies[0]).toMatch(/^sandbox_run_key=runkey_[A-Za-z0-9_-]{43}; /);
      expect(cookies[0]).toMatch(/; HttpOnly/i);
      expect(cookies[0]).toMatch(/; SameSite=lax/i);
      expect(cookies[0]).toMatch(/; Path=\//);
      // The key controls a run: the run API answers it as the owner, and mints no other.
      const run = await fetch(`${origin}/api/runs/current`, { headers: { cookie: cookies[0]!.split(';')[0]! } });
      expect(run.status).toBe(200);
      expect(run.headers.getSetCookie()).toEqual([]);
    });
  }
});
