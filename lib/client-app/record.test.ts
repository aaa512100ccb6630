import { describe, expect, it } from 'vitest';
import { incomingRequest, incomingResponse, outgoingRequest } from './record';

/**
 * The client app's own messages on the timeline mark the same secrets as the
 * route handlers' (lib/timeline/secret-names.ts): the authorization code and
 * the PKCE verifier (RFC 7636 §4.5) are credentials in the token request.
 */
describe("the client app's recorded messages", () => {
  it('mark code and code_verifier in the token request it sends, and client credentials', () => {
    const m = outgoingRequest(
      'POST',
      'http://h/as/token',
      { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Basic eDp5' },
      'grant_type=authorization_code&code=c1&redirect_uri=http%3A%2F%2Fh%2Fcb&code_verifier=v1',
    );
    expect(m.secrets).toEqual(['authorization', 'code', 'code_verifier']);
  });

  it('mark the code in the callback it receives, and the csrf_token of a form it would be posted', () => {
    const r = incomingRequest(new Request('http://h/client/callback?code=c1&state=s&iss=http%3A%2F%2Fh%2Fas', { headers: { cookie: 'a=b' } }));
    expect(r.secrets).toEqual(['cookie', 'code']);
    const f = outgoingRequest('POST', 'http://h/as/authorize/decision', { 'content-type': 'application/x-www-form-urlencoded' }, 'request=r&csrf_token=t&decision=approve');
    expect(f.secrets).toEqual(['csrf_token']);
  });

  it('mark the tokens in a token response, not its other members', () => {
    const r = incomingResponse(200, new Headers(), JSON.stringify({ access_token: 'a', token_type: 'Bearer', refresh_token: 'r', id_token: 'i', expires_in: 300 }));
    expect(r.secrets).toEqual(['access_token', 'refresh_token', 'id_token']);
  });
});
