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
// Parts: engine-args (argv), engine-host (engines + RPC methods), engine-rpc (stdio framing),
// engine-databases (create/drop), engine-errors (Prisma codes), engine-log (stderr JSON).
//
// Debugging: PRISMA_ENGINE_SHIM_DEBUG=1 echoes requests, responses and engine logs to stderr
// (shown when the CLI runs with DEBUG="prisma:*"-style debugging, or when run by hand).
import { createInterface } from 'node:readline';
import { parseArgs } from './engine-args.mjs';
import { dropDatabaseByUrl, createDatabase, resolveMainUrl } from './engine-databases.mjs';
import { KnownError, panicState, pgToKnownError, toRpcError } from './engine-errors.mjs';
import { EngineHost } from './engine-host.mjs';
import { DEBUG, debug, logLine } from './engine-log.mjs';
import { rpc } from './engine-rpc.mjs';
import { parsePgUrl, withClient } from './pg-factory.mjs';
import { loadSchemaEngineWasm } from './wasm.mjs';

async function serve(args) {
  const host = new EngineHost({ datasource: args.datasource, datamodelPaths: args.datamodels });
  let queue = Promise.resolve();
  let closing = false;

  const shutdown = async (code) => {
    if (closing) return;
    closing = true;
    await queue.catch(() => {});
    await host.close().catch(() => {});
    process.exit(panicState.panicked ? 101 : code);
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
      if (panicState.panicked) return; // shutting down; the CLI already has the panic
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
        if (panicState.panicked) void shutdown(101);
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
