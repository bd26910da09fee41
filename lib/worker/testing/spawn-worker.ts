import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type TWorkerProcess = {
  proc: ChildProcess;
  /** pino's JSON lines so far */
  logs(): Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** resolves when the worker logged "worker started" */
  ready: Promise<void>;
};

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Starts scripts/worker.ts as its own Node process (`node --import tsx`: one process, so a
 * SIGKILL kills the process running the job and nothing of it survives).
 */
export function spawnWorker(env: Record<string, string>): TWorkerProcess {
  const proc = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'scripts/worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let buffered = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  let failReady: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        if (entry.msg === 'worker started') markReady();
      } catch {
        lines.push({ raw: line });
      }
    }
  });
  proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      failReady(new Error(`worker exited before it started (code ${code}, signal ${signal}): ${stderr}`));
      resolve({ code, signal });
    }),
  );
  return { proc, logs: () => lines, exited, ready };
}
