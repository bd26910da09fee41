// Errors in the shapes the Prisma CLI understands: Prisma error codes (P1001…) and JSON-RPC errors.
import { debug } from './engine-log.mjs';

/** A user-facing error with a Prisma error code (P1001…), like the native engine's KnownError. */
export class KnownError extends Error {
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
export function pgToKnownError(e, config) {
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

/**
 * The wasm engine's panic message registry (set when an engine is created) and whether it
 * panicked: after a panic the wasm instance is unusable; like the native engine we then exit 101.
 */
export const panicState = { registry: undefined, panicked: false };

/** Converts whatever the engine threw into a JSON-RPC error object the Prisma CLI understands. */
export function toRpcError(e, errorRegistry) {
  // A JS exception raised inside the adapter surfaces as a `GenericJs` error carrying a registry id.
  const id = e?.cause?.id ?? e?.id;
  if (errorRegistry && typeof id === 'number' && (e?.cause?.kind === 'GenericJs' || /GenericJs/.test(String(e?.message)))) {
    const original = errorRegistry.consumeError?.(id)?.error;
    if (original) e = original;
  }
  if (e instanceof WebAssembly.RuntimeError || e?.name === 'RuntimeError') {
    panicState.panicked = true;
    const message = panicState.registry?.get() || String(e?.message ?? e);
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
