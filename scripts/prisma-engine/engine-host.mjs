// One wasm schema engine per database URL, and the JSON-RPC methods the Prisma CLI calls on it.
import { readFile } from 'node:fs/promises';
import { createDatabase, resolveMainUrl } from './engine-databases.mjs';
import { panicState } from './engine-errors.mjs';
import { debug } from './engine-log.mjs';
import { rpc } from './engine-rpc.mjs';
import { createPgMigrationFactory } from './pg-factory.mjs';
import { loadSchemaEngineWasm } from './wasm.mjs';

export class EngineHost {
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
    panicState.registry = wasm.panicRegistry;
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
      return entry
        ? entry.then(
            (x) => x.adapter.factory.errorRegistry,
            () => undefined,
          )
        : Promise.resolve(undefined);
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
