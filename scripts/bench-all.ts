// `npm run bench`: every benchmark of the project, one after another (they share the FerretDB
// server, so never in parallel), each in its own process. Every benchmark prints one JSON
// document on stdout (progress on stderr); this collects them into one JSON object on stdout and
// writes each to .data/bench/<name>.json. Extra arguments after `--only` pick benchmarks:
//   npm run bench                       all of them
//   npm run bench -- --only backup,restore
// A benchmark that fails is reported as {error, exitCode} and the exit code is 1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const BENCHES: Record<string, string> = {
  backup: 'scripts/bench-backup.ts',
  restore: 'scripts/bench-restore.ts',
  portal: 'scripts/bench-portal.ts',
  lifecycle: 'scripts/bench-lifecycle.ts',
  pitr: 'scripts/bench-pitr.ts',
};

function run(script: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', script], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

async function main() {
  const i = process.argv.indexOf('--only');
  const only = i > 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : Object.keys(BENCHES);
  const unknown = only.filter((n) => !(n in BENCHES));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
  const out: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    startedAt: new Date().toISOString(),
  };
  const dir = path.join(ROOT, '.data', 'bench');
  await mkdir(dir, { recursive: true });
  let failed = false;
  for (const name of only) {
    const script = BENCHES[name]!;
    if (!existsSync(path.join(ROOT, script))) {
      out[name] = { skipped: `${script} does not exist in this build` };
      continue;
    }
    process.stderr.write(`[bench] ${name}: ${script}\n`);
    const t0 = performance.now();
    const { code, stdout } = await run(script);
    let result: unknown;
    try {
      result = JSON.parse(stdout);
    } catch {
      result = { error: 'no JSON on stdout', stdoutTail: stdout.slice(-2000) };
    }
    if (code !== 0) {
      failed = true;
      result = { exitCode: code, ...(typeof result === 'object' && result ? result : { result }) };
    }
    out[name] = { seconds: Math.round((performance.now() - t0) / 1000), ...(result as object) };
    await writeFile(path.join(dir, `${name}.json`), JSON.stringify(out[name], null, 2));
  }
  console.log(JSON.stringify(out, null, 2));
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
});
