import { spawn } from 'node:child_process';
import path from 'node:path';

export type TGcChildRun = {
  checkpoint?: string;
  result?: { jobId: string; status: string; message: string };
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
  stderr: string;
};

const CHILD = path.join(__dirname, 'gc-child.ts');

/** Runs gc-child.ts in its own Node process; SIGKILLs it as soon as it announces a CHECKPOINT. */
export function runGcChild(args: { env: Record<string, string>; timeoutMs?: number }): Promise<TGcChildRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', CHILD], {
      cwd: path.resolve(__dirname, '../../..'),
      env: { ...process.env, ...args.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: TGcChildRun = { signal: null, code: null, stdout: '', stderr: '' };
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`gc child timed out: ${out.stdout}\n${out.stderr}`));
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
        } else if (line.startsWith('RESULT ')) out.result = JSON.parse(line.slice('RESULT '.length)) as TGcChildRun['result'];
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
