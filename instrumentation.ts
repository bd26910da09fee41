// Next.js calls register() once when a server process starts: the process's one engine context
// (lib/vault/shared-engine-context.ts) is closed when the server is stopped.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { closeSharedEngineContextOnExit } = await import('./lib/vault/shared-engine-context');
  closeSharedEngineContextOnExit();
}
