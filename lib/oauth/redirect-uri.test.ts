import { describe, expect, it } from 'vitest';
import { hasFragment, loopbackWithoutPort, redirectUriMatches, redirectUriRegistrationProblem } from './redirect-uri';

const WEB = ['https://app.example/cb', 'https://app.example/other?x=1'];
const NATIVE = ['http://127.0.0.1/callback', 'http://[::1]/callback'];

describe('RFC 6749 §3.1.2.3 redirect_uri exact matching (B1)', () => {
  it('A11 accepts a registered URI, including one with a query', () => {
    expect(redirectUriMatches('https://app.example/cb', WEB)).toBe(true);
    expect(redirectUriMatches('https://app.example/other?x=1', WEB)).toBe(true);
  });
  it('A3 rejects a trailing slash, an added query, another scheme or a host in another case', () => {
    for (const uri of [
      'https://app.example/cb/',
      'https://app.example/cb?x=1',
      'http://app.example/cb',
      'https://APP.example/cb',
      'https://app.example/CB',
      'https://app.example:443/cb',
      'https://app.example/other',
    ]) {
      expect(redirectUriMatches(uri, WEB), uri).toBe(false);
    }
  });
  it('A4 rejects a URI with a fragment, even a registered one with #frag appended', () => {
    expect(hasFragment('https://app.example/cb#frag')).toBe(true);
    expect(redirectUriMatches('https://app.example/cb#frag', WEB)).toBe(false);
    expect(redirectUriMatches('https://app.example/cb#', ['https://app.example/cb#'])).toBe(false);
  });
  it('never treats another port as a match for a client without loopback_any_port', () => {
    expect(redirectUriMatches('http://127.0.0.1:8080/callback', NATIVE)).toBe(false);
  });
});

describe('RFC 8252 §7.3 loopback redirects on any port', () => {
  const policy = { loopbackAnyPort: true };
  it('L1 accepts http://127.0.0.1 and http://[::1] on any port', () => {
    expect(redirectUriMatches('http://127.0.0.1:53117/callback', NATIVE, policy)).toBe(true);
    expect(redirectUriMatches('http://[::1]:53117/callback', NATIVE, policy)).toBe(true);
    expect(redirectUriMatches('http://127.0.0.1/callback', NATIVE, policy)).toBe(true);
    expect(redirectUriMatches('http://127.0.0.1:1/callback', NATIVE, policy)).toBe(true);
    expect(redirectUriMatches('http://127.0.0.1:65535/callback', NATIVE, policy)).toBe(true);
  });
  it('L2 rejects another path or an added query: only the port may vary', () => {
    expect(redirectUriMatches('http://127.0.0.1:53117/other', NATIVE, policy)).toBe(false);
    expect(redirectUriMatches('http://127.0.0.1:53117/callback/', NATIVE, policy)).toBe(false);
    expect(redirectUriMatches('http://127.0.0.1:53117/callback?x=1', NATIVE, policy)).toBe(false);
    expect(redirectUriMatches('http://127.0.0.1:53117/callback#f', NATIVE, policy)).toBe(false);
  });
  it('L3 treats only IP literals as loopback: localhost must match exactly', () => {
    expect(redirectUriMatches('http://localhost:53117/callback', NATIVE, policy)).toBe(false);
    expect(redirectUriMatches('http://localhost:53117/callback', ['http://localhost/callback'], policy)).toBe(false);
    expect(loopbackWithoutPort('http://localhost:1/cb')).toBeUndefined();
  });
  it('rejects https, other loopback addresses, ports out of range and userinfo tricks', () => {
    for (const uri of [
      'https://127.0.0.1:53117/callback',
      'http://127.0.0.2:53117/callback',
      'http://127.0.0.1:0/callback',
      'http://127.0.0.1:65536/callback',
      'http://127.0.0.1:53117@evil.example/callback',
      'http://127.0.0.1.evil.example/callback',
      'http://[::1]x/callback',
    ]) {
      expect(redirectUriMatches(uri, NATIVE, policy), uri).toBe(false);
    }
  });
});

describe('RFC 9700 §2.6 redirect URIs a client may register (A14)', () => {
  it('A14 refuses http on a host that is not a loopback IP literal', () => {
    for (const uri of ['http://app.example/cb', 'http://localhost/callback', 'http://127.0.0.2/cb']) {
      expect(redirectUriRegistrationProblem(uri), uri).toBe(
        'http is allowed only for the loopback IP literals 127.0.0.1 and [::1] of native apps (RFC 9700 section 2.6, RFC 8252 section 7.3)',
      );
    }
  });
  it('accepts https, http loopback IP literals, and reverse-domain private-use schemes', () => {
    for (const uri of ['https://app.example/cb', 'https://app.example/cb?x=1', 'http://127.0.0.1/callback', 'http://[::1]/callback', 'com.example.app:/cb']) {
      expect(redirectUriRegistrationProblem(uri), uri).toBeUndefined();
    }
  });
  it('§3.1.2 refuses a fragment, a relative URI and other schemes', () => {
    expect(redirectUriRegistrationProblem('https://app.example/cb#f')).toBe('a redirect URI must not contain a fragment (RFC 6749 section 3.1.2)');
    expect(redirectUriRegistrationProblem('/cb')).toBe('a redirect URI must be an absolute URI (RFC 6749 section 3.1.2)');
    expect(redirectUriRegistrationProblem('javascript:alert(1)')).toMatch(/^the javascript scheme is not allowed/);
  });
});

describe('RFC 8252 §7.3 a loopback redirect without a path', () => {
  it('drops only the port, and adds nothing when there is no path', () => {
    expect(loopbackWithoutPort('http://127.0.0.1:53117')).toBe('http://127.0.0.1');
    expect(loopbackWithoutPort('http://[::1]')).toBe('http://[::1]');
  });
});
