import { spawn } from 'node:child_process';
import path from 'node:path';

export type TChildRun = {
  /** The checkpoint the child announced before it was killed (undefined: it ran to the end). */
  checkpoint?: string;
  result?: { jobId: string; snapshotId: string; kind: string; puts: number };
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
  stderr: string;
};

const CHILD = path.join(__dirname, 'backup-child.ts');

/**
 * Runs backup-child.ts in its own Node process (`node --import tsx`, one process, so SIGKILL
 * hits the process doing the writes and nothing survives it). When the child announces
 * `CHECKPOINT <name>`, it is SIGKILLed on the spot.
 */
export function runBackupChild(args: { crashAt?: string; env: Record<string, string>; timeoutMs?: number }): Promise<TChildRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', CHILD], {
      cwd: path.resolve(__dirname, '../../..'),
      env: { ...process.env, ...args.env, CRASH_AT: args.crashAt ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: TChildRun = { signal: null, code: null, stdout: '', stderr: '' };
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`backup child timed out (crashAt=${args.crashAt}): ${out.stdout}\n${out.stderr}`));
    }, args.timeoutMs ?? 90_000);
    let buffered = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out.stdout += chunk.toString();
      buffered += chunk.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('CHECKPOINT ') && !out.checkpoint) {
          out.checkpoint = line.slice('CHECKPOINT '.length);
          proc.kill('SIGKILL');
        } else if (line.startsWith('RESULT ')) {
          out.result = JSON.parse(line.slice('RESULT '.length)) as TChildRun['result'];
        }
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ ...out, code, signal });
    });
  });
}
