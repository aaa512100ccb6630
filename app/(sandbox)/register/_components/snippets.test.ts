import { describe, expect, it } from 'vitest';
import { snippet, SNIPPET_NAMES, type RegisteredValues, type SnippetId } from './snippets';

const basic: RegisteredValues = {
  origin: 'http://localhost:3000',
  client_id: 'reg_abc',
  client_secret: 's3cret',
  token_endpoint_auth_method: 'client_secret_basic',
  redirect_uris: ['http://127.0.0.1:3001/api/auth/callback/sandbox'],
  scope: 'openid notes:read',
};

describe('configuration snippets for a registered client', () => {
  it.each(Object.keys(SNIPPET_NAMES) as SnippetId[])('%s names the issuer, the client_id and the redirect URI', (id) => {
    const text = snippet(id, basic);
    expect(text).toContain('http://localhost:3000/as');
    expect(text).toContain('reg_abc');
    expect(text).toContain('http://127.0.0.1:3001/api/auth/callback/sandbox');
  });

  it('RFC 6749 §2.3.1: curl sends the secret the way the client registered: Basic, the body, or none', () => {
    expect(snippet('curl', basic)).toContain("-u 'reg_abc:s3cret'");
    expect(snippet('curl', { ...basic, token_endpoint_auth_method: 'client_secret_post' })).toContain("-d client_id='reg_abc' -d client_secret='s3cret'");
    const pub = snippet('curl', { ...basic, client_secret: undefined, token_endpoint_auth_method: 'none' });
    expect(pub).toContain("-d client_id='reg_abc'");
    expect(pub).not.toContain('client_secret');
  });

  it('the libraries get the matching client authentication', () => {
    expect(snippet('oauth4webapi', basic)).toContain('oauth.ClientSecretBasic("s3cret")');
    expect(snippet('openid-client', { ...basic, token_endpoint_auth_method: 'client_secret_post' })).toContain('client.ClientSecretPost("s3cret")');
    expect(snippet('oauth4webapi', { ...basic, client_secret: undefined, token_endpoint_auth_method: 'none' })).toContain('oauth.None()');
    expect(snippet('next-auth', basic)).toContain('clientSecret: "s3cret"');
    expect(snippet('next-auth', basic)).toContain("checks: ['pkce', 'state', 'nonce']");
  });
});
