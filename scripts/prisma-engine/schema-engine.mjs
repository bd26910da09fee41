#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, for machines that cannot download it.
//
// The Prisma CLI (7.x) spawns the binary named by PRISMA_SCHEMA_ENGINE_BINARY as
//   schema-engine [--datamodels <file>]... [--datasource <json>] [--enabled-preview-features a,b]
// and talks line-delimited JSON-RPC 2.0 over stdin/stdout; it also runs
//   schema-engine --version
//   schema-engine --datasource '{"url":…}' cli can-connect-to-database|create-database|drop-database
// (errors as JSON log lines on stderr). We serve all of that with @prisma/schema-engine-wasm,
// whose database access goes through @prisma/adapter-pg (see pg-factory.mjs). Postgres only.
//
// Debugging: PRISMA_ENGINE_SHIM_DEBUG=1 echoes requests, responses and engine logs to stderr
// (shown when the CLI runs with DEBUG="prisma:*"-style debugging, or when run by hand).
import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';
import { loadSchemaEngineWasm } from './wasm.mjs';
import { createPgMigrationFactory, parsePgUrl, quoteIdent, withClient } from './pg-factory.mjs';

const DEBUG = !!process.env.PRISMA_ENGINE_SHIM_DEBUG;

// ---------------------------------------------------------------------------------------------
// stderr logging in the native engine's tracing-JSON shape (the CLI parses these lines).

function logLine(level, fields, target = 'schema_engine::logger') {
  process.stderr.write(JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target }) + '\n');
}
const debug = (message) => {
  if (DEBUG) logLine('DEBUG', { message }, 'schema_engine_shim');
};

// ---------------------------------------------------------------------------------------------
// Argument parsing.

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, previewFeatures: [], cli: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--version':
      case '-V':
        args.version = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--datamodels':
      case '-d':
        args.datamodels.push(argv[++i]);
        break;
      case '--datasource':
        args.datasource = JSON.parse(argv[++i]);
        break;
      case '--enabled-preview-features':
        args.previewFeatures = String(argv[++i] ?? '').split(',').filter(Boolean);
        break;
      case '--extension-types':
        i++; // accepted and ignored: the wasm engine has no extension support
        break;
      case 'cli':
        args.cli = argv.slice(i + 1);
        i = argv.length;
        break;
      default:
        if (a.startsWith('--datamodels=')) args.datamodels.push(a.slice('--datamodels='.length));
        else if (a.startsWith('--datasource=')) args.datasource = JSON.parse(a.slice('--datasource='.length));
        // Unknown flags are ignored, like optional features the wasm engine does not have.
        break;
    }
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Errors.

/** A user-facing error with a Prisma error code (P1001…), like the native engine's KnownError. */
class KnownError extends Error {
  constructor(code, message, meta = {}) {
    super(message);
    this.code = code;
    this.meta = meta;
  }
}

function describeTarget(config) {
  return `${config.host ?? 'localhost'}:${config.port ?? 5432}`;
}

/** Maps a pg connection-level error to the Prisma error the native engine would report. */
function pgToKnownError(e, config) {
  const db = config.database;
  switch (e?.code) {
    case '3D000':
      return new KnownError('P1003', `Database \`${db}\` does not exist on the database server at \`${describeTarget(config)}\`.`, {
        database_name: db,
      });
    case '28P01':
    case '28000':
      return new KnownError(
        'P1000',
        `Authentication failed against database server, the provided database credentials for \`${config.user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at the configured address.`,
      );
    case '42P04':
      return new KnownError('P1009', `Database \`${db}\` already exists on the database server at \`${describeTarget(config)}\``);
    case '42501':
      return new KnownError('P1010', `User \`${config.user}\` was denied access on the database \`${db}\``);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return new KnownError(
        'P1001',
        `Can't reach database server at \`${describeTarget(config)}\`\n\nPlease make sure your database server is running at \`${describeTarget(config)}\`.`,
      );
    default:
      return e;
  }
}

let panicRegistry;
/** After a panic the wasm instance is unusable; like the native engine we then exit with 101. */
let wasmPanicked = false;

/** Converts whatever the engine threw into a JSON-RPC error object the Prisma CLI understands. */
function toRpcError(e, errorRegistry) {
  // A JS exception raised inside the adapter surfaces as a `GenericJs` error carrying a registry id.
  const id = e?.cause?.id ?? e?.id;
  if (errorRegistry && typeof id === 'number' && (e?.cause?.kind === 'GenericJs' || /GenericJs/.test(String(e?.message)))) {
    const original = errorRegistry.consumeError?.(id)?.error;
    if (original) e = original;
  }
  if (e instanceof WebAssembly.RuntimeError || e?.name === 'RuntimeError') {
    wasmPanicked = true;
    const message = panicRegistry?.get() || String(e?.message ?? e);
    // The CLI shows `message` for panics (and files `data.message` as the backtrace).
    return { code: 4466, message, data: { is_panic: true, message, backtrace: e?.stack ?? null } };
  }
  const code = typeof e?.code === 'string' && /^P\d{4}$/.test(e.code) ? e.code : undefined;
  const message = String(e?.message ?? e);
  const data = { is_panic: false, message, meta: e?.meta ?? null };
  if (code) data.error_code = code;
  debug(`error: ${message}${e?.stack ? `\n${e.stack}` : ''}`);
  return { code: 4466, message, data };
}

// ---------------------------------------------------------------------------------------------
// Engine handling.

function resolveMainUrl(datasource) {
  const url = datasource?.url ?? process.env.DATABASE_URL;
  if (!url) {
    throw new KnownError('P1012', 'No datasource URL: set `datasource.url` in prisma.config.ts (or DATABASE_URL).');
  }
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new KnownError('P1013', 'The schema engine stand-in only supports PostgreSQL URLs (postgresql://…).');
  }
  return url;
}

class EngineHost {
  constructor({ datasource, datamodelPaths }) {
    this.datasource = datasource;
    this.datamodelPaths = datamodelPaths;
    this.engines = new Map(); // url -> { engine, adapter }
    this.migrationSchemaCacheStale = true;
  }

  get mainUrl() {
    return resolveMainUrl(this.datasource);
  }

  /** The engine for the configured datasource, or for another URL named in a request. */
  async engineFor(url = this.mainUrl) {
    let entry = this.engines.get(url);
    if (!entry) {
      entry = this.createEngine(url);
      this.engines.set(url, entry);
    }
    try {
      return await entry;
    } catch (e) {
      this.engines.delete(url);
      throw e;
    }
  }

  async createEngine(url) {
    const wasm = await loadSchemaEngineWasm();
    panicRegistry = wasm.panicRegistry;
    const isMain = url === this.mainUrl;
    const adapter = createPgMigrationFactory({
      url,
      shadowDatabaseUrl: isMain ? this.datasource?.shadowDatabaseUrl : undefined,
      log: debug,
    });
    let datamodels;
    if (isMain && this.datamodelPaths.length > 0) {
      datamodels = await Promise.all(this.datamodelPaths.map(async (p) => [p, await readFile(p, 'utf8')]));
    }
    const engine = await wasm.SchemaEngine.new({ datamodels }, (log) => debug(String(log)), adapter.factory);
    return { engine, adapter };
  }

  async call(method, params) {
    switch (method) {
      case 'getDatabaseVersion':
      case 'version': {
        const url = params?.datasource?.tag === 'ConnectionString' ? params.datasource.url : undefined;
        const { engine } = await this.engineFor(url);
        return engine.version(params ?? null);
      }
      case 'ensureConnectionValidity': {
        const url = params?.datasource?.tag === 'ConnectionString' ? params.datasource.url : undefined;
        const { engine } = await this.engineFor(url);
        return engine.ensureConnectionValidity(params);
      }
      case 'createDatabase': {
        const url = params?.datasource?.tag === 'ConnectionString' ? params.datasource.url : this.mainUrl;
        return { databaseName: await createDatabase(url) };
      }
      case 'dbExecute': {
        const url = params?.datasourceType?.tag === 'url' ? params.datasourceType.url : undefined;
        const { engine } = await this.engineFor(url);
        await engine.dbExecute(params);
        return null;
      }
      case 'diff': {
        const { engine } = await this.engineFor();
        const result = await engine.diff(params);
        // The native engine prints the diff through a `print` request to the CLI (which writes it
        // to stdout or into --output), and returns no stdout of its own. Do the same.
        if (result?.stdout) {
          await rpc.request('print', { content: result.stdout.replace(/\n$/, '') });
        }
        return { ...result, stdout: null };
      }
      case 'devDiagnostic':
      case 'diagnoseMigrationHistory': {
        const { engine } = await this.engineFor();
        const result = await engine[method](params);
        if (method === 'devDiagnostic' || params?.optInToShadowDatabase) this.migrationSchemaCacheStale = false;
        return result;
      }
      case 'applyMigrations': {
        const { engine } = await this.engineFor();
        const result = await engine.applyMigrations(params);
        if (result?.appliedMigrationNames?.length) this.migrationSchemaCacheStale = true;
        return result;
      }
      case 'createMigration':
      case 'evaluateDataLoss': {
        const { engine } = await this.engineFor();
        // The wasm engine computes "the schema the migrations produce" for these two commands only
        // through its in-memory migration-schema cache; on a miss it tries to create a shadow
        // database on its own and fails ("PostgreSQL shadow DB must be provided through an
        // external factory"). diagnoseMigrationHistory (with the shadow database) fills that
        // cache, through our factory, for the migrations applied to the database. So when the
        // cache may not cover the current history (nothing diagnosed yet in this process, or
        // migrations were applied since, as in `migrate dev` with pending migrations), diagnose
        // again first. See README.md.
        if (this.migrationSchemaCacheStale && params?.migrationsList) {
          await engine.diagnoseMigrationHistory({
            migrationsList: params.migrationsList,
            optInToShadowDatabase: true,
            filters: params.filters ?? { externalTables: [], externalEnums: [] },
          });
          this.migrationSchemaCacheStale = false;
        }
        return engine[method](params);
      }
      case 'introspect':
      case 'introspectSql':
      case 'markMigrationApplied':
      case 'markMigrationRolledBack':
      case 'reset':
      case 'schemaPush': {
        const { engine } = await this.engineFor();
        const result = await engine[method](params);
        return result === undefined ? null : result;
      }
      case 'debugPanic': {
        const { engine } = await this.engineFor();
        return engine.debugPanic();
      }
      default: {
        const err = new Error(`Method not supported by the wasm schema engine stand-in: ${method}`);
        err.rpcCode = -32601;
        throw err;
      }
    }
  }

  errorRegistry(url = undefined) {
    try {
      const entry = this.engines.get(url ?? this.mainUrl);
      return entry ? entry.then((x) => x.adapter.factory.errorRegistry, () => undefined) : Promise.resolve(undefined);
    } catch {
      return Promise.resolve(undefined);
    }
  }

  async close() {
    const entries = await Promise.allSettled([...this.engines.values()]);
    this.engines.clear();
    for (const r of entries) {
      if (r.status !== 'fulfilled') continue;
      try {
        r.value.engine.free();
      } catch {
        /* already freed */
      }
      await r.value.adapter.close();
    }
  }
}

async function createDatabase(url) {
  const { config } = parsePgUrl(url);
  const name = config.database;
  if (!name) throw new KnownError('P1013', 'The database URL does not name a database.');
  await withMaintenanceClient(config, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return name;
}

async function dropDatabaseByUrl(url) {
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

// ---------------------------------------------------------------------------------------------
// JSON-RPC over stdio.

const rpc = {
  nextId: 1,
  pending: new Map(),
  send(obj) {
    const line = JSON.stringify(obj);
    if (DEBUG) debug(`-> ${line.length > 2000 ? line.slice(0, 2000) + '…' : line}`);
    process.stdout.write(line + '\n');
  },
  /** A request from us to the CLI (only `print` exists). */
  request(method, params) {
    const id = `shim-${this.nextId++}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  },
};

async function serve(args) {
  const host = new EngineHost({ datasource: args.datasource, datamodelPaths: args.datamodels });
  let queue = Promise.resolve();
  let closing = false;

  const shutdown = async (code) => {
    if (closing) return;
    closing = true;
    await queue.catch(() => {});
    await host.close().catch(() => {});
    process.exit(wasmPanicked ? 101 : code);
  };
  // The CLI closes stdin and (on Unix) sends SIGTERM right away: clean up (pools, leftover shadow
  // databases) before leaving.
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(130));

  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      rpc.send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    if (DEBUG) debug(`<- ${line.length > 2000 ? line.slice(0, 2000) + '…' : line}`);
    // A response to one of our own requests (print).
    if (msg.method === undefined && rpc.pending.has(msg.id)) {
      const p = rpc.pending.get(msg.id);
      rpc.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
      return;
    }
    // Requests are served one at a time, in order, like the native engine.
    queue = queue.then(async () => {
      if (wasmPanicked) return; // shutting down; the CLI already has the panic
      try {
        const result = await host.call(msg.method, msg.params);
        if (msg.id !== undefined) rpc.send({ jsonrpc: '2.0', id: msg.id, result: result ?? null });
      } catch (e) {
        if (e?.rpcCode) {
          rpc.send({ jsonrpc: '2.0', id: msg.id ?? null, error: { code: e.rpcCode, message: e.message } });
          return;
        }
        const registry = await host.errorRegistry().catch(() => undefined);
        if (msg.id !== undefined) rpc.send({ jsonrpc: '2.0', id: msg.id, error: toRpcError(e, registry) });
        if (wasmPanicked) void shutdown(101);
      }
    });
  });
  rl.on('close', () => void shutdown(0));
}

async function runCliCommand(args) {
  const [command] = args.cli;
  // The CLI drops the first stderr line and JSON-parses the rest.
  logLine('INFO', { message: `Starting schema engine stand-in (cli ${command})` }, 'schema_engine_shim');
  try {
    const url = resolveMainUrl(args.datasource);
    const { config } = parsePgUrl(url);
    switch (command) {
      case 'can-connect-to-database':
        await withClient(config, config.database, (c) => c.query('SELECT 1')).catch((e) => {
          throw pgToKnownError(e, config);
        });
        break;
      case 'create-database':
        await createDatabase(url);
        break;
      case 'drop-database':
        await dropDatabaseByUrl(url);
        break;
      default:
        throw new Error(`Unknown cli command: ${command}`);
    }
    logLine('INFO', { message: `${command} succeeded` }, 'schema_engine_shim');
    process.exit(0);
  } catch (e) {
    const fields = { is_panic: false, message: String(e?.message ?? e) };
    if (e instanceof KnownError) fields.error_code = e.code;
    logLine('ERROR', fields);
    process.exit(1);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    const { version } = await loadSchemaEngineWasm();
    process.stdout.write(`schema-engine-cli ${version()}\n`);
    return;
  }
  if (args.help) {
    process.stdout.write(
      'schema-engine stand-in (Prisma schema engine wasm + @prisma/adapter-pg)\n' +
        'usage: schema-engine [--datamodels FILE]... [--datasource JSON] [cli can-connect-to-database|create-database|drop-database]\n',
    );
    return;
  }
  if (args.cli) return runCliCommand(args);
  return serve(args);
}

process.on('uncaughtException', (e) => {
  logLine('ERROR', { is_panic: true, message: String(e?.stack ?? e) });
  process.exit(101);
});

main().catch((e) => {
  logLine('ERROR', { is_panic: false, message: String(e?.stack ?? e) });
  process.exit(1);
});
