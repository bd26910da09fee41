import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The CLI's JSON output, read loosely by the tests (like restore-cli.int.test.ts does). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TVaultJson = any;

export type TVaultEnd = { code: number | null; signal: NodeJS.Signals | null; json: TVaultJson; stdout: string; stderr: string };

export type TVaultProcess = {
  proc: ChildProcess;
  stderr(): string;
  /** exit code (null when killed), signal, stdout parsed as JSON when it is JSON */
  exited: Promise<TVaultEnd>;
};

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Starts the operator CLI (scripts/vault.ts) as one Node process (`node --import tsx`), so a
 * SIGKILL kills the very process that owns the job. `env` is added to this process's.
 */
export function spawnVault(args: string[], env: Record<string, string> = {}): TVaultProcess {
  const proc = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'scripts/vault.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<TVaultEnd>((resolve) =>
    proc.on('close', (code, signal) => {
      let json: unknown = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = null;
      }
      resolve({ code, signal, json, stdout, stderr });
    }),
  );
  return { proc, stderr: () => stderr, exited };
}

/** Polls `check` every 20 ms until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitUntil<T>(what: string, check: () => Promise<T> | T, timeoutMs = 60_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
