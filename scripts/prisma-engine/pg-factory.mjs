// A migration-aware driver-adapter factory for the wasm schema engine, built on @prisma/adapter-pg.
//
// Why not `new PrismaPg(url)` as is:
//  * adapter-pg cannot decode Postgres's internal "char" type (OID 18), which the engine reads when
//    it introspects pg_catalog (prisma/orm#27403). Our pool hands out clients that report 18/19
//    (char/name) as text (25); their text form already is the plain string.
//  * adapter-pg's connectToShadowDb() ignores a `database` override when the factory was given a
//    connection string, and drops the shadow database while its own pool is still connected. We
//    build the shadow database ourselves from discrete connection fields and drop it
//    `WITH (FORCE)` once its pool is closed.
//  * adapter-pg's executeScript() splits the script on every ";" (which breaks on semicolons in
//    string literals or function bodies). The native engine sends a migration script as one
//    simple-protocol query; so do we.
//  * pg pools keep the process alive for idleTimeoutMillis (10 s): allowExitOnIdle.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Resolve everything through @prisma/adapter-pg so that we share its exact `pg` and
// `@prisma/driver-adapter-utils` instances, whatever npm's hoisting does.
const adapterPgPath = require.resolve('@prisma/adapter-pg');
const fromAdapter = createRequire(adapterPgPath);
const { PrismaPg } = require('@prisma/adapter-pg');
const pg = fromAdapter('pg');
const { bindMigrationAwareSqlAdapterFactory } = fromAdapter('@prisma/driver-adapter-utils');
const { parse: parseConnectionString } = createRequire(fromAdapter.resolve('pg'))('pg-connection-string');

const OID_TEXT = 25;
/** OIDs adapter-pg refuses (or may refuse) to decode, whose text representation is what we want. */
const AS_TEXT_OIDS = new Set([18 /* "char" */, 19 /* name */]);

function patchFields(result) {
  if (Array.isArray(result)) {
    for (const r of result) patchFields(r);
    return result;
  }
  if (result && Array.isArray(result.fields)) {
    for (const field of result.fields) {
      if (AS_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = OID_TEXT;
    }
  }
  return result;
}

/** pg.Client whose results describe "char"/name columns as text. */
class TextCharClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === 'function') {
      callback = values;
      values = undefined;
    }
    if (typeof callback === 'function') {
      return super.query(config, values, (err, res) => callback(err, err ? res : patchFields(res)));
    }
    const ret = values === undefined ? super.query(config) : super.query(config, values);
    return ret && typeof ret.then === 'function' ? ret.then(patchFields) : ret;
  }
}

/**
 * Parses a postgres connection string into discrete pg fields plus Prisma's `schema` parameter.
 * @param {string} url
 */
export function parsePgUrl(url) {
  const p = parseConnectionString(url);
  const config = {
    host: p.host ?? undefined,
    port: p.port ? Number(p.port) : undefined,
    user: p.user ?? undefined,
    password: p.password ?? undefined,
    database: p.database ?? undefined,
    ssl: p.ssl ?? undefined,
    application_name: p.application_name ?? 'prisma-schema-engine-wasm',
    options: p.options ?? undefined,
  };
  if (p.connect_timeout) config.connectionTimeoutMillis = Number(p.connect_timeout) * 1000;
  return { config, schema: p.schema || 'public' };
}

export function quoteIdent(name) {
  return `"${String(name).replaceAll('"', '""')}"`;
}

function newPool(config) {
  return new pg.Pool({
    ...config,
    Client: TextCharClient,
    max: 4,
    idleTimeoutMillis: 1000,
    allowExitOnIdle: true,
  });
}

/** Runs fn with a single short-lived client connected to `database`. */
export async function withClient(config, database, fn) {
  const client = new TextCharClient({ ...config, database });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropDatabase(config, maintenanceDb, name) {
  await withClient(config, maintenanceDb, async (c) => {
    try {
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    } catch (e) {
      // WITH (FORCE) needs Postgres >= 13.
      if (e && e.code === '42601') await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
      else throw e;
    }
  });
}

/**
 * @param {{ url: string, shadowDatabaseUrl?: string, log?: (msg: string) => void }} opts
 */
export function createPgMigrationFactory({ url, shadowDatabaseUrl, log = () => {} }) {
  const main = parsePgUrl(url);
  const pools = new Set();
  const pendingShadowDbs = new Set();

  async function connectAdapter({ config, schema }, onDisposed) {
    const pool = newPool(config);
    pools.add(pool);
    const adapter = await new PrismaPg(pool, { schema, disposeExternalPool: true }).connect();
    // One simple-protocol round trip for the whole script, like the native engine.
    adapter.executeScript = async (script) => {
      try {
        await pool.query(script);
      } catch (e) {
        adapter.onError(e);
      }
    };
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      try {
        await dispose();
      } finally {
        pools.delete(pool);
        if (onDisposed) await onDisposed();
      }
    };
    return adapter;
  }

  const factory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect() {
      return connectAdapter(main);
    },
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        // A configured shadow database is wiped before use, as the native engine does.
        // It is wiped again after use, so it does not hold a stale copy of the schema.
        const shadow = parsePgUrl(shadowDatabaseUrl);
        const wipe = () =>
          withClient(shadow.config, shadow.config.database, async (c) => {
            await c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(shadow.schema)} CASCADE`);
            await c.query(`CREATE SCHEMA ${quoteIdent(shadow.schema)}`);
          });
        await wipe();
        return connectAdapter(shadow, wipe);
      }
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await withClient(main.config, main.config.database, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
      pendingShadowDbs.add(name);
      log(`created shadow database ${name}`);
      return connectAdapter({ config: { ...main.config, database: name }, schema: main.schema }, async () => {
        // Our pool is closed by now; FORCE also ends any straggler.
        await dropDatabase(main.config, main.config.database, name);
        pendingShadowDbs.delete(name);
        log(`dropped shadow database ${name}`);
      });
    },
  };

  return {
    factory: bindMigrationAwareSqlAdapterFactory(factory),
    /** Ends every pool and drops shadow databases that were not disposed of. */
    async close() {
      await Promise.allSettled([...pools].map((p) => p.end()));
      pools.clear();
      for (const name of [...pendingShadowDbs]) {
        await dropDatabase(main.config, main.config.database, name).catch(() => {});
        pendingShadowDbs.delete(name);
      }
    },
  };
}

export { pg };
