/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The engine and the job worker share code with the app; keep server-only packages external.
  serverExternalPackages: ['mongodb', 'pg', '@prisma/client', '@prisma/adapter-pg', 'pino', 'bcryptjs'],
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
  },
};
module.exports = nextConfig;
