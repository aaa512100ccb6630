/**
 * RFC 6749 §2.3.1 `client_secret_basic`: the client id and secret are each
 * form-urlencoded first (Appendix B), then joined by a colon and base64-encoded
 * as HTTP Basic (RFC 7617). A client app and the resource server (for
 * introspection) both authenticate this way.
 */
export function basicAuthorization(clientId: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString('base64')}`;
}
