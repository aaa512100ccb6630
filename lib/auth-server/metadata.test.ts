import { beforeAll, describe, expect, it } from 'vitest';
import { GET as rfc8414 } from '@/app/(auth-server)/.well-known/oauth-authorization-server/as/route';
import { GET as openidConfiguration } from '@/app/(auth-server)/as/.well-known/openid-configuration/route';
import { GET as jwks } from '@/app/(auth-server)/as/jwks/route';
import { authorizationServerMetadata, metadataResponse } from './metadata';

const ORIGIN = 'http://localhost:3000';
beforeAll(() => {
  process.env.SANDBOX_ORIGIN = ORIGIN;
});

async function fetchJson(handler: (r: Request) => Promise<Response>, path: string) {
  const res = await handler(new Request(`${ORIGIN}${path}`));
  return { res, body: (await res.json()) as Record<string, unknown> };
}

describe('RFC 8414 authorization server metadata', () => {
  it('M1 answers 200 application/json with the issuer exactly {origin}/as', async () => {
    const { res, body } = await fetchJson(rfc8414, '/.well-known/oauth-authorization-server/as');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('location')).toBeNull();
    expect(body.issuer).toBe('http://localhost:3000/as');
  });

  it('M2 M5 publishes the same document at the OpenID Discovery URL', async () => {
    const a = await fetchJson(rfc8414, '/.well-known/oauth-authorization-server/as');
    const b = await fetchJson(openidConfiguration, '/as/.well-known/openid-configuration');
    expect(b.res.status).toBe(200);
    expect(b.body).toEqual(a.body);
  });

  it('M3 names every endpoint and the REQUIRED fields, with no empty arrays', async () => {
    const { body } = await fetchJson(rfc8414, '/.well-known/oauth-authorization-server/as');
    expect(body).toMatchObject({
      authorization_endpoint: `${ORIGIN}/as/authorize`,
      token_endpoint: `${ORIGIN}/as/token`,
      jwks_uri: `${ORIGIN}/as/jwks`,
      userinfo_endpoint: `${ORIGIN}/as/userinfo`,
      introspection_endpoint: `${ORIGIN}/as/introspect`,
      revocation_endpoint: `${ORIGIN}/as/revoke`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'offline_access', 'notes:read', 'notes:write'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    });
    for (const v of Object.values(body)) if (Array.isArray(v)) expect(v.length).toBeGreaterThan(0);
  });

  it('P1 advertises code_challenge_methods_supported ["S256"]', async () => {
    const { body } = await fetchJson(rfc8414, '/.well-known/oauth-authorization-server/as');
    expect(body.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('J1 lists both access token algorithms, RS256 included (RFC 9068 §2.1), in its unregistered access_token_signing_alg_values_supported', async () => {
    const { body } = await fetchJson(rfc8414, '/.well-known/oauth-authorization-server/as');
    expect(body.access_token_signing_alg_values_supported).toEqual(['ES256', 'RS256']);
  });

  it('OpenID Connect Discovery §3 says what the authorization request supports, in both documents', async () => {
    for (const [route, path] of [
      [rfc8414, '/.well-known/oauth-authorization-server/as'],
      [openidConfiguration, '/as/.well-known/openid-configuration'],
    ] as const) {
      const { body } = await fetchJson(route, path);
      expect(body).toMatchObject({
        // An omitted request_uri_parameter_supported means true: both are said explicitly.
        request_parameter_supported: false,
        request_uri_parameter_supported: false,
        claims_parameter_supported: false,
        prompt_values_supported: ['none', 'login', 'consent', 'select_account'],
        display_values_supported: ['page'],
        ui_locales_supported: ['en'],
      });
      expect(body).not.toHaveProperty('acr_values_supported');
      expect(body).not.toHaveProperty('request_object_signing_alg_values_supported');
    }
  });

  it('RFC 9207 §3 advertises authorization_response_iss_parameter_supported', async () => {
    const { body } = await fetchJson(openidConfiguration, '/as/.well-known/openid-configuration');
    expect(body.authorization_response_iss_parameter_supported).toBe(true);
  });
});

describe('RFC 7517 JWKS at jwks_uri', () => {
  it('publishes an ES256 and an RS256 key with kid, alg and use=sig, and no private parts', async () => {
    const { res, body } = await fetchJson(jwks, '/as/jwks');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const keys = body.keys as Record<string, unknown>[];
    // Each algorithm at least once: the route reads the process's one store, where another test
    // file sharing the worker (the mutation runs do not isolate files) may have rotated the keys,
    // and previous keys stay published (keys.test.ts checks which keys, on a store of its own).
    expect([...new Set(keys.map((k) => k.alg))].sort()).toEqual(['ES256', 'RS256']);
    for (const k of keys) {
      expect(k).toMatchObject({ use: 'sig', kid: expect.any(String) });
      for (const priv of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(k).not.toHaveProperty(priv);
    }
  });
});

describe('RFC 8414 §2 the metadata document, field by field', () => {
  const doc = () => authorizationServerMetadata(ORIGIN);

  it('RFC 7591 §3 names the registration endpoint, and the page that documents it (service_documentation)', () => {
    expect(doc()).toMatchObject({ registration_endpoint: `${ORIGIN}/as/register`, service_documentation: `${ORIGIN}/register` });
  });

  it('announces client ID metadata documents (draft-ietf-oauth-client-id-metadata-document): a strict client checks for exactly true', () => {
    expect(doc().client_id_metadata_document_supported).toBe(true);
  });

  it('RFC 8414 §2 response_modes_supported: the code comes back in the query only (OAuth 2.0 Multiple Response Types §2.1)', () => {
    expect(doc().response_modes_supported).toEqual(['query']);
  });

  it('OpenID Connect Discovery §3 claims_supported lists every claim the ID token and UserInfo may carry', () => {
    // ID token (OIDC Core §2, §3.1.3.6): iss sub aud exp iat auth_time nonce at_hash; UserInfo with `profile`: name role (no email: OIDC Core §5.4 ties it to the `email` scope, not offered).
    expect([...doc().claims_supported].sort()).toEqual(['at_hash', 'aud', 'auth_time', 'exp', 'iat', 'iss', 'name', 'nonce', 'role', 'sub']);
  });

  it("RFC 8414 §2 scopes_supported is the run's: the scopes the request's run offers, not the defaults", () => {
    expect(authorizationServerMetadata(ORIGIN, ['openid', 'notes:purge']).scopes_supported).toEqual(['openid', 'notes:purge']);
  });

  it('RFC 9111 §5.2.2.4, §4.1 the document follows the run the request names: no shared cache keeps it, and it varies by Cookie and X-Sandbox-Run', async () => {
    const res = metadataResponse(ORIGIN, ['openid', 'notes:purge']);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('vary')).toBe('Cookie, X-Sandbox-Run');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(((await res.json()) as { scopes_supported: string[] }).scopes_supported).toEqual(['openid', 'notes:purge']);
  });
});
