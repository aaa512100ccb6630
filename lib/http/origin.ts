/**
 * The sandbox's public origin: `SANDBOX_ORIGIN` when set, else the origin of
 * `NEXTAUTH_URL`, else the request's own Host. The issuer is `{origin}/as`
 * and the resource is `{origin}/rs`, so all three parties must agree on it.
 */
export function sandboxOrigin(request?: Request): string {
  const configured = process.env.SANDBOX_ORIGIN || process.env.NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  if (request) {
    const host = request.headers.get('host');
    if (host) return `${new URL(request.url).protocol}//${host}`;
    return new URL(request.url).origin;
  }
  return 'http://localhost:3000';
}

export const issuerFor = (origin: string) => `${origin}/as`;
export const resourceFor = (origin: string) => `${origin}/rs`;
