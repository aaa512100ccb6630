import { describe, expect, it } from 'vitest';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { buildExport, RUN_ID_PLACEHOLDER } from './export-format';
import { redactExport } from './export-redaction';
import type { TimelineEvent } from './events';
import { newRunKey } from '@/lib/runs/run-id';
import { tokenView } from './token-view';
import { secretNamesIn } from './secret-names';

const RUN = 'the-live-run-id-0123456789';
const KEY = newRunKey();
const REFRESH = 'rt_opaque_refresh_token_value_0123456789abcdef';
const CODE = 'code-value-0123456789abcdefghij';
const SESSION_JWE = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..iv-part-aaaa.ciphertext-part-bbbbbbbb.tag-part-cccc';

async function jwt(): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT({ sub: 'alice', sandbox_run: RUN, scope: 'notes:read' }).setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' }).sign(privateKey);
}

function event(seq: number, e: Partial<TimelineEvent>): TimelineEvent {
  return { runId: RUN, seq, at: 0, from: 'client', to: 'auth-server', type: 'token.issued', summary: 'x', outcome: 'ok', ...e };
}

describe('shared exports carry no live credential and no run id (issue 8 §4)', () => {
  it('keeps each JWT readable with its signature removed, and replaces every other credential, the run id and the run key', async () => {
    const at = await jwt();
    const events = [
      event(1, {
        http: {
          request: { method: 'POST', url: '/as/token', headers: { cookie: `sandbox_run_key=${KEY}; next-auth.session-token=${SESSION_JWE}`, 'x-sandbox-run': RUN }, body: `grant_type=authorization_code&code=${CODE}&code_verifier=verifier-0123456789abcdef` },
          response: { status: 200, headers: {}, body: JSON.stringify({ access_token: at, refresh_token: REFRESH, token_type: 'Bearer' }) },
        },
        tokens: [tokenView('access_token', at), tokenView('refresh_token', REFRESH)],
      }),
      event(2, { http: { request: { method: 'GET', url: '/rs/api/notes', headers: { authorization: `Bearer ${at}` } }, response: { status: 302, headers: { location: `http://127.0.0.1:8765/callback?code=${CODE}&state=s` } } } }),
    ];
    const doc = redactExport(buildExport(RUN, { accessTokenFormat: 'jwt', accessTokenAlg: 'ES256', verificationMode: 'local', accessTokenTtl: 300, refreshTokenTtl: 86400, clockOffset: 0 }, events, 0, 0), RUN);
    const text = JSON.stringify(doc);
    for (const secret of [RUN, KEY, REFRESH, CODE, SESSION_JWE, 'verifier-0123456789abcdef', at, at.split('.')[2]!]) expect(text).not.toContain(secret);

    const shown = doc.events[0]!.tokens![0]!.raw;
    const [header, , signature] = shown.split('.');
    expect(header).toBe(at.split('.')[0]);
    expect(Buffer.from(signature!, 'base64url').toString()).toBe('signature removed in this export');
    expect(decodeJwt(shown)).toMatchObject({ sub: 'alice', scope: 'notes:read', sandbox_run: RUN_ID_PLACEHOLDER });
    expect(doc.events[0]!.tokens![1]!.raw).toBe('(refresh token removed from this export)');
    expect(doc.events[1]!.http!.request!.headers.authorization).toBe(`Bearer ${shown}`);
    expect(doc.events[1]!.http!.response!.headers.location).toBe('http://127.0.0.1:8765/callback?code=(code removed from this export)&state=s');
  });
});

describe('one list of credential names: what the timeline marks, an export replaces (issue 13)', () => {
  it('replaces a registered client’s client_secret (RFC 7591 §3.2.1 response, RFC 6749 §2.3.1 client_secret_post) that the timeline marks', () => {
    const SECRET = 'registered-client-secret-0123456789abcdef';
    const post = `grant_type=client_credentials&client_id=dyn-client-1&client_secret=${SECRET}`;
    const events = [
      event(1, {
        type: 'client.registered',
        http: {
          request: { method: 'POST', url: '/as/register', headers: { 'content-type': 'application/json' }, body: '{"client_name":"mine","token_endpoint_auth_method":"client_secret_post"}' },
          response: { status: 201, headers: {}, body: JSON.stringify({ client_id: 'dyn-client-1', client_secret: SECRET, client_secret_expires_at: 0 }) },
        },
      }),
      event(2, { http: { request: { method: 'POST', url: '/as/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: post, secrets: secretNamesIn({}, post) } } }),
    ];
    // The timeline marks it in the token request's form body...
    expect(events[1]!.http!.request!.secrets).toEqual(['client_secret']);
    // ...and the exported run carries it nowhere: each place says what was there.
    const doc = redactExport(buildExport(RUN, { accessTokenFormat: 'jwt', accessTokenAlg: 'ES256', verificationMode: 'local', accessTokenTtl: 300, refreshTokenTtl: 86400, clockOffset: 0 }, events, 0, 0), RUN);
    expect(JSON.stringify(doc)).not.toContain(SECRET);
    expect(JSON.parse(doc.events[0]!.http!.response!.body!)).toEqual({ client_id: 'dyn-client-1', client_secret: '(client secret removed from this export)', client_secret_expires_at: 0 });
    expect(new URLSearchParams(doc.events[1]!.http!.request!.body).get('client_secret')).toBe('(client secret removed from this export)');
  });
});

describe('HTTP Basic client credentials in an export (RFC 6749 §2.3.1, RFC 7617)', () => {
  it('keeps the client id and replaces the secret of a client_secret_basic client', () => {
    const SECRET = 'registered-basic-secret-0123456789abcdef';
    const credentials = Buffer.from(`dyn-client-2:${SECRET}`).toString('base64');
    const events = [
      event(1, { http: { request: { method: 'POST', url: '/as/token', headers: { authorization: `Basic ${credentials}` }, body: 'grant_type=client_credentials' } } }),
    ];
    const doc = redactExport(buildExport(RUN, { accessTokenFormat: 'jwt', accessTokenAlg: 'ES256', verificationMode: 'local', accessTokenTtl: 300, refreshTokenTtl: 86400, clockOffset: 0 }, events, 0, 0), RUN);
    expect(JSON.stringify(doc)).not.toContain(credentials);
    const header = doc.events[0]!.http!.request!.headers.authorization!;
    expect(header).toMatch(/^Basic [A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8')).toBe('dyn-client-2:(client secret removed from this export)');
  });
});
