// Lifecycle benchmark (`npm run bench:lifecycle`), JSON on stdout (progress on stderr):
//  1. reconcile — the scheduler's reconcile pass over 1,000 scratch tenants, catalog only
//     (goal ≤ 1 s per pass; see scripts/bench/lifecycle-reconcile.ts for the passes measured);
//  2. gc — GC of a scratch tenant with 100 snapshots, most expired by a keep-last rule: time, and
//     objects scanned ÷ objects deleted (scripts/bench/lifecycle-gc.ts).
// Options: --tenants N (reconcile, default 1000)  --snapshots N (gc, default 100)  --only reconcile|gc
// Runs against the services of scripts/with-env.sh (Postgres, and for gc FerretDB + the S3 server).
import { db } from '@/lib/db';
import { benchLifecycleGc } from './bench/lifecycle-gc';
import { benchLifecycleReconcile } from './bench/lifecycle-reconcile';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const log = (line: string) => process.stderr.write(`[bench:lifecycle] ${line}\n`);

async function main() {
  const only = arg('only');
  const out: Record<string, unknown> = { startedAt: new Date().toISOString() };
  const started = performance.now();
  if (!only || only === 'reconcile') {
    log('reconcile pass over scratch tenants…');
    out.reconcile = await benchLifecycleReconcile({ tenants: Number(arg('tenants') ?? 1000) });
  }
  if (!only || only === 'gc') {
    log('GC of a tenant with many snapshots (real backups first)…');
    out.gc = await benchLifecycleGc({ snapshots: Number(arg('snapshots') ?? 100) });
  }
  out.totalMs = Math.round(performance.now() - started);
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main()
  .catch((e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
