// Security headers. The pages' Content-Security-Policy carries a per-request nonce and is set by
// proxy.ts (lib/security/content-security-policy.ts); API responses are JSON/CSV and get a policy
// that allows nothing. Responses of /api carry tenant data: never stored by browsers or proxies.
const SECURITY_HEADERS = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
];
const API_HEADERS = [
  { key: 'Cache-Control', value: 'no-store' },
  { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Tests build into their own folder so a running demo keeps its build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      { source: '/api/:path*', headers: API_HEADERS },
    ];
  },
  // `npm test` type-checks the whole project (tsc --noEmit) as its own step; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // The engine and the job worker share code with the app; keep server-only packages external.
  serverExternalPackages: ['mongodb', 'mongodb-js-zstd', '@mongodb-js/zstd', 'pg', '@prisma/client', '@prisma/adapter-pg', 'pino', 'bcryptjs'],
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
    authInterrupts: true,
  },
};
module.exports = nextConfig;
