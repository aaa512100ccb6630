import type { NextConfig } from 'next';

/**
 * Every response forbids framing (RFC 6749 §10.13: the authorization server
 * MUST prevent clickjacking; the consent page's Allow button must never be
 * one click inside another site's frame), with X-Frame-Options for older
 * browsers. Beyond that the policy keeps every page to its own origin:
 * Next's bootstrap and streamed payloads are inline scripts, so scripts need
 * 'unsafe-inline' (and 'unsafe-eval' under `next dev` only, for React's dev
 * tooling); no plugins, no foreign base URL. `form-action` is left open on
 * purpose: the consent form's answer redirects to the client's redirect_uri,
 * which may be any loopback port (RFC 8252 §7.3) or a registered client.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === 'production' ? '' : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

const nextConfig: NextConfig = {
  // Each test server can build into its own folder (NEXT_DIST_DIR) so that
  // parallel builds never overwrite each other.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  // `npm test` type-checks with tsc just before it builds, and sets this only then (scripts/test.mjs):
  // the build's own check reads the same tsconfig, so the same files and options (it only adds Next's
  // generated route declarations, and ignores test files). Checking twice cost 1-2 min of the build.
  typescript: { ignoreBuildErrors: process.env.SANDBOX_TYPES_CHECKED === '1' },
  // CI builds once from a clean clone and never again from that folder (.ci/run sets this):
  // writing Turbopack's build cache there is work nobody reads.
  ...(process.env.SANDBOX_NO_BUILD_CACHE === '1' ? { experimental: { turbopackFileSystemCacheForBuild: false } } : {}),
  // The well-known and token URLs must never redirect (oauth4webapi uses redirect: 'manual').
  skipTrailingSlashRedirect: true,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
        ],
      },
    ];
  },
};

export default nextConfig;
