// The catalog database client (Postgres via Prisma 7 + @prisma/adapter-pg).
//
// Import from here, never from lib/generated/prisma directly:
//   import { db, Prisma, TenantRole, type Tenant } from '@/lib/db';
//
// Server-only: a client component that imports this fails the build. The worker, the CLI, seeders
// and tests load it too; they run with the `react-server` export condition (tsx/node
// `--conditions=react-server`, vitest's alias) under which the 'server-only' marker is a no-op.
// (Client components that only need enum values import '@/lib/db/enums' instead.)
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export * from '../generated/prisma/client';

/** Builds a new client for `url` (default: DATABASE_URL). Callers own it and must $disconnect(). */
export function createDbClient(url: string | undefined = process.env.DATABASE_URL): PrismaClient {
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set. Point it at the Vaultline catalog database ' +
        '(e.g. postgresql://vaultline:vaultline@127.0.0.1:55432/vaultline; scripts/env.sh sets the local default).',
    );
  }
  // Prisma's `?schema=` parameter selects the Postgres schema; pg itself ignores it.
  let schema: string | undefined;
  try {
    schema = new URL(url).searchParams.get('schema') ?? undefined;
  } catch {
    throw new Error('DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database).');
  }
  const adapter = new PrismaPg({ connectionString: url }, schema ? { schema } : undefined);
  return new PrismaClient({
    adapter,
    log: process.env.PRISMA_LOG_QUERIES ? ['query', 'info', 'warn', 'error'] : ['warn'],
  });
}

// One client per process. In development it lives on globalThis so that Next's HMR, which
// re-evaluates this module, does not open a new pool on every edit.
const globalForDb = globalThis as typeof globalThis & { __vaultlineDb?: PrismaClient };

let client: PrismaClient | undefined;

/** The process-wide client, created on first use (so importing this module never throws). */
export function getDb(): PrismaClient {
  client ??= globalForDb.__vaultlineDb ?? createDbClient();
  if (process.env.NODE_ENV !== 'production') globalForDb.__vaultlineDb = client;
  return client;
}

/**
 * The shared Prisma client. A lazy stand-in for the real client: the client (and the check that
 * DATABASE_URL is set) is created on first property access, so modules importing `db` load fine
 * during `next build` or in unit tests that never touch the database.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client);
    return typeof value === 'function' ? value.bind(client) : value;
  },
  has(_target, prop) {
    return Reflect.has(getDb(), prop);
  },
  set(_target, prop, value) {
    return Reflect.set(getDb(), prop, value);
  },
  getPrototypeOf() {
    return Reflect.getPrototypeOf(getDb());
  },
});
