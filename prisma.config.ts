// Prisma 7 configuration. The CLI no longer reads the URL from schema.prisma nor loads .env:
// DATABASE_URL comes from the environment (scripts/env.sh provides the local default).
// Run the CLI as `bash scripts/prisma.sh <args>`: it points PRISMA_SCHEMA_ENGINE_BINARY at the
// offline schema-engine stand-in (scripts/prisma-engine/).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx --conditions=react-server prisma/seed/index.ts',
  },
  datasource: {
    // Not `env('DATABASE_URL')`: that throws when unset, which would break `prisma generate`
    // on machines without a database. Commands that need a database report a missing URL.
    url: process.env.DATABASE_URL,
    // Optional; by default the engine creates (and drops) a temporary shadow database, which
    // needs CREATEDB.
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL || undefined,
  },
});
