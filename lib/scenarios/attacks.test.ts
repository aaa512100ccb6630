import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@/lib/timeline/events';
import { buildAttack, parseRaw, rawText } from './attacks';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = `${b64({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })}.${b64({ sub: 'alice', scope: 'openid notes:read' })}.c2lnbmF0dXJl`;
const received: TimelineEvent = { runId: 'r', seq: 1, at: 0, from: 'auth-server', to: 'client', type: 'client.tokens_received', summary: '', outcome: 'ok', tokens: [{ kind: 'access_token', raw: jwt }] };

describe('attack panel requests', () => {
  it('forged-token: the payload gains notes:write, header and signature are kept (RFC 7515 §5.2 must then fail)', async () => {
    const built = await buildAttack('forged-token', { origin: 'http://s', events: [received] });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const token = built.request.headers.find(([k]) => k === 'Authorization')![1].replace('Bearer ', '');
    const [h, p, sig] = token.split('.');
    expect(h).toBe(jwt.split('.')[0]);
    expect(sig).toBe('c2lnbmF0dXJl');
    expect(JSON.parse(Buffer.from(p!, 'base64url').toString())).toEqual({ sub: 'alice', scope: 'openid notes:read notes:write' });
  });

  it('alg-none: the header says none and the signature is empty (RFC 8725 §2.1)', async () => {
    const built = await buildAttack('alg-none', { origin: 'http://s', events: [received] });
    if (!built.ok) throw new Error(built.needs);
    const token = built.request.headers[0]![1].replace('Bearer ', '');
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).alg).toBe('none');
    expect(token.endsWith('.')).toBe(true);
  });

  it('pkce-wrong-verifier: the cli’s unredeemed code, its redirect_uri, client_id and a well-formed wrong verifier, no client secret', async () => {
    const cliCode: TimelineEvent = { runId: 'r', seq: 2, at: 0, from: 'auth-server', to: 'browser', type: 'authorization_code.issued', summary: '', outcome: 'ok', tokens: [{ kind: 'authorization_code', raw: 'the-cli-code' }], data: { client_id: 'cli', redirect_uri: 'http://127.0.0.1:50000/callback' } };
    const naCode: TimelineEvent = { ...cliCode, seq: 3, tokens: [{ kind: 'authorization_code', raw: 'a-spent-code' }], data: { client_id: 'notes-assistant', redirect_uri: 'http://s/api/auth/callback/sandbox' } };
    // Only Notes Assistant's (spent) code: not usable for this lesson, say what to do first.
    expect(await buildAttack('pkce-wrong-verifier', { origin: 'http://s', events: [naCode] })).toMatchObject({ ok: false, needs: expect.stringContaining('cli') });
    const built = await buildAttack('pkce-wrong-verifier', { origin: 'http://s', events: [cliCode, naCode] });
    if (!built.ok) throw new Error(built.needs);
    expect(built.request.target).toBe('/as/token');
    expect(built.request.headers.map(([k]) => k)).toEqual(['Content-Type']);
    const body = Object.fromEntries(new URLSearchParams(built.request.body));
    expect(body).toMatchObject({ grant_type: 'authorization_code', code: 'the-cli-code', redirect_uri: 'http://127.0.0.1:50000/callback', client_id: 'cli' });
    // RFC 7636 §4.1: 43-128 of [A-Za-z0-9-._~], so the AS reaches the §4.6 comparison.
    expect(body['code_verifier']).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
  });

  it('says what must happen first when the timeline has no token yet', async () => {
    expect(await buildAttack('forged-token', { origin: 'http://s', events: [] })).toMatchObject({ ok: false });
    expect(await buildAttack('refresh-token-reuse', { origin: 'http://s', events: [received] })).toMatchObject({ ok: false });
  });

  it('raw text round-trips, and a path off the sandbox or a bad first line is refused', () => {
    const r = { method: 'POST', target: '/as/token', headers: [['Content-Type', 'application/x-www-form-urlencoded']] as [string, string][], body: 'grant_type=refresh_token&refresh_token=x' };
    expect(parseRaw(rawText(r, 'localhost:3000'))).toEqual({ ok: true, request: r });
    const firstLine = 'The first line must be “METHOD /path HTTP/1.1”, with a path on this sandbox.';
    expect(parseRaw('GET https://evil.example/ HTTP/1.1\n\n')).toEqual({ ok: false, error: firstLine });
    expect(parseRaw('nonsense')).toEqual({ ok: false, error: firstLine });
  });
});
