import { describe, expect, it } from 'vitest';
import { GET as metadata } from '@/app/(resource-server)/.well-known/oauth-protected-resource/rs/route';
import { GET as listNotes } from '@/app/(resource-server)/rs/api/notes/route';
import { GET as getNote, PATCH as patchNote } from '@/app/(resource-server)/rs/api/notes/[id]/route';
import { sandboxOrigin } from '@/lib/http/origin';

const BASE = 'http://rs.test';
/** The origin the routes will use (SANDBOX_ORIGIN wins when set, as in production). */
const ORIGIN = sandboxOrigin(new Request(BASE));

describe('Notes API routes (handler wiring)', () => {
  it('RFC 9728 §3 PR1 serves the metadata with resource exactly {origin}/rs', async () => {
    const res = await metadata(new Request(`${BASE}/.well-known/oauth-protected-resource/rs`));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      resource: `${ORIGIN}/rs`,
      authorization_servers: [`${ORIGIN}/as`],
      scopes_supported: ['notes:read', 'notes:write'],
      bearer_methods_supported: ['header'],
      resource_name: 'Notes API',
    });
  });

  it('RFC 6750 §3.1 RS1 answers a request without a token 401 with no error code', async () => {
    const res = await listNotes(new Request(`${BASE}/rs/api/notes`));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="notes-api", resource_metadata="${ORIGIN}/.well-known/oauth-protected-resource/rs"`);
  });

  it('RFC 6750 §2.2 refuses a token in a form body with 400 invalid_request', async () => {
    const req = new Request(`${BASE}/rs/api/notes/n1`, { method: 'PATCH', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'access_token=abc' });
    const res = await patchNote(req, { params: Promise.resolve({ id: 'n1' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: 'an access token in the form body is not accepted; send it in the Authorization header' });
  });

  it('answers 400, never 500, when the note id in the path cannot be decoded', async () => {
    const res = await getNote(new Request(`${BASE}/rs/api/notes/%E0%A4%A`), { params: Promise.reject(new URIError('URI malformed')) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, detail: 'The note id in the path is not properly percent-encoded.' });
  });
});
