import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Each test server can build into its own folder (NEXT_DIST_DIR) so that
  // parallel builds never overwrite each other.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  // The well-known and token URLs must never redirect (oauth4webapi uses redirect: 'manual').
  skipTrailingSlashRedirect: true,
};

export default nextConfig;
