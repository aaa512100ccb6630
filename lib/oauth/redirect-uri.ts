/**
 * Redirect URI rules of the authorization endpoint. Registered URIs are
 * compared with the requested one by exact string (RFC 6749 §3.1.2.3, RFC
 * 3986 §6.2.1 simple string comparison; RFC 9700 §2.1, §4.1.3), with one
 * exception: a native app's loopback redirect may use any port (RFC 8252
 * §7.3). Only the IP literals `127.0.0.1` and `[::1]` count as loopback;
 * `localhost` is NOT RECOMMENDED (RFC 8252 §8.3) and must match exactly, as
 * Spring Authorization Server does.
 *
 * Registration rules (RFC 9700 §2.6, RFC 6749 §3.1.2) are checked by
 * redirectUriRegistrationProblem: the sandbox's clients are static, so the
 * client registry applies them when it is built.
 */

interface RedirectUriPolicy {
  /** RFC 8252 §7.3: the client is a native app whose loopback redirects may use any port. */
  loopbackAnyPort?: boolean;
}

// http://127.0.0.1[:port][path...] or http://[::1][:port][path...], split so that only the port may vary.
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?([/?].*)?$/;

/** RFC 6749 §3.1.2: the redirection endpoint URI MUST NOT include a fragment component. */
export function hasFragment(uri: string): boolean {
  return uri.includes('#');
}

/**
 * The loopback URI without its port (`http://127.0.0.1/cb` for
 * `http://127.0.0.1:53117/cb`), or undefined when `uri` is not an http
 * loopback IP-literal URI or its port is out of range.
 */
export function loopbackWithoutPort(uri: string): string | undefined {
  const m = LOOPBACK.exec(uri);
  if (!m) return undefined;
  const [, host, port, rest = ''] = m;
  // Stryker disable next-line ConditionalExpression: equivalent, Number(undefined) is NaN, which fails both range comparisons
  if (port !== undefined) {
    const n = Number(port);
    if (n < 1 || n > 65535) return undefined;
  }
  return `http://${host}${rest}`;
}

/**
 * Whether `requested` is one of the `registered` redirect URIs: an exact
 * string match, or for a client with `loopbackAnyPort` the same loopback URI
 * on another port (path and query must still match exactly). A URI with a
 * fragment never matches.
 */
export function redirectUriMatches(requested: string, registered: readonly string[], policy: RedirectUriPolicy = {}): boolean {
  if (hasFragment(requested)) return false;
  if (registered.includes(requested)) return true;
  if (!policy.loopbackAnyPort) return false;
  const bare = loopbackWithoutPort(requested);
  if (bare === undefined) return false;
  return registered.some((r) => loopbackWithoutPort(r) === bare);
}

/**
 * Why `uri` may not be registered as a redirect URI, or undefined when it
 * may: it must be absolute and have no fragment (RFC 6749 §3.1.2); `http`
 * only for a native app's loopback IP literal (RFC 9700 §2.6: "MUST NOT
 * allow redirect URIs that use the http scheme except for native clients
 * that use loopback interface redirection", RFC 8252 §7.3); otherwise
 * `https`, or a native app's private-use scheme in reverse domain name form
 * (RFC 8252 §7.1, e.g. `com.example.app:/cb`).
 */
export function redirectUriRegistrationProblem(uri: string): string | undefined {
  if (hasFragment(uri)) return 'a redirect URI must not contain a fragment (RFC 6749 section 3.1.2)';
  if (!URL.canParse(uri)) return 'a redirect URI must be an absolute URI (RFC 6749 section 3.1.2)';
  const scheme = new URL(uri).protocol.slice(0, -1);
  if (scheme === 'https') return undefined;
  if (scheme === 'http') {
    return loopbackWithoutPort(uri) !== undefined
      ? undefined
      : 'http is allowed only for the loopback IP literals 127.0.0.1 and [::1] of native apps (RFC 9700 section 2.6, RFC 8252 section 7.3)';
  }
  if (scheme.includes('.')) return undefined;
  return `the ${scheme} scheme is not allowed: use https, an http loopback IP literal, or a reverse-domain private-use scheme (RFC 8252 section 7.1)`;
}
