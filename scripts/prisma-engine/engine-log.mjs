// stderr logging in the native engine's tracing-JSON shape (the Prisma CLI parses these lines).
// PRISMA_ENGINE_SHIM_DEBUG=1 also echoes requests, responses and engine logs.
export const DEBUG = !!process.env.PRISMA_ENGINE_SHIM_DEBUG;

export function logLine(level, fields, target = 'schema_engine::logger') {
  process.stderr.write(JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target }) + '\n');
}
export const debug = (message) => {
  if (DEBUG) logLine('DEBUG', { message }, 'schema_engine_shim');
};
