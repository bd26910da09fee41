// The datasource URL and the database-level commands (create / drop), run on a maintenance connection.
import { KnownError, pgToKnownError } from './engine-errors.mjs';
import { parsePgUrl, quoteIdent, withClient } from './pg-factory.mjs';

export function resolveMainUrl(datasource) {
  const url = datasource?.url ?? process.env.DATABASE_URL;
  if (!url) {
    throw new KnownError('P1012', 'No datasource URL: set `datasource.url` in prisma.config.ts (or DATABASE_URL).');
  }
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new KnownError('P1013', 'The schema engine stand-in only supports PostgreSQL URLs (postgresql://…).');
  }
  return url;
}

export async function createDatabase(url) {
  const { config } = parsePgUrl(url);
  const name = config.database;
  if (!name) throw new KnownError('P1013', 'The database URL does not name a database.');
  await withMaintenanceClient(config, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return name;
}

export async function dropDatabaseByUrl(url) {
  const { config } = parsePgUrl(url);
  await withMaintenanceClient(config, (c) => c.query(`DROP DATABASE ${quoteIdent(config.database)}`));
}

/** Connects to the `postgres` maintenance database (or template1), mapping errors like the engine. */
async function withMaintenanceClient(config, fn) {
  let lastError;
  for (const db of ['postgres', 'template1']) {
    try {
      return await withClient(config, db, fn);
    } catch (e) {
      lastError = e;
      if (e?.code !== '3D000') break; // only retry when the maintenance db itself is missing
    }
  }
  throw pgToKnownError(lastError, config);
}
