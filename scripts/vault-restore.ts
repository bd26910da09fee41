// The restore commands of the operator CLI (scripts/vault.ts), thin adapters over lib/restores:
//   restore --spec <file.json> --dry-run [--page N] [--page-size N]
//   restore --spec <file.json> --execute [--batch-size N] [--no-wait]
//   restore (--tenant <slug> | --spec <file.json>) --resume <restoreId|jobId> [--no-wait]
//   undo    --tenant <slug> --restore <id> [--no-wait]
//   lineage --tenant <slug> (--restore <id> | --document <id JSON>) [--collection <name>]
// Results are JSON on stdout; progress and waiting go to stderr. Exit codes: RESTORE_EXIT_CODES.
// --execute of a package whose restore was interrupted (SIGKILL, lost worker) resumes that
// restore (same id, journal, safety snapshot); restores and undos run as the tenant's one writer.
import { readFile } from 'node:fs/promises';
import { BSON } from 'mongodb';
import { db } from '../lib/db';
import type { TRestoreProgress } from '../lib/engine';
import { formatBytes, formatCount } from '../lib/format';
import { runApprovedRestoreRequest } from '../lib/requests/run-approved-restore-request';
import { listRestoreLineage } from '../lib/restores/list-restore-lineage';
import type { TWriterRunEnd } from '../lib/restores/run-restore-here';
import { runRestoreHere } from '../lib/restores/run-restore-here';
import { runRestoreDryRun } from '../lib/restores/run-restore-dry-run';
import { runUndoHere } from '../lib/restores/run-undo-here';
import { createEngineContext } from '../lib/vault/engine-context';

export type TRestoreCliValues = {
  tenant?: string;
  spec?: string;
  'dry-run'?: boolean;
  execute?: boolean;
  restore?: string;
  document?: string;
  collection?: string;
  page?: string;
  'page-size'?: string;
  'batch-size'?: string;
  resume?: string;
  'no-wait'?: boolean;
};

/** Exit codes of restore / undo (also in the CLI's usage and lib/restores/README.md). */
export const RESTORE_EXIT_CODES = `exit codes (restore, undo):
  0  done (restore verified, undo back to the pre-restore state; also a resumed one finished meanwhile by another process)
  1  failed, or written but not verified / not back to the pre-restore state
  2  usage
  3  refused, nothing written: conflictPolicy 'fail' met conflicts; undo of a restore request; nothing to resume
  4  busy, nothing written: another restore/undo of the tenant is running (--no-wait), or its quota is full
  5  another restore of the tenant is half-done (interrupted): resume or undo it first (the message says how)`;

const NOT_STARTED_EXIT = { busy: 4, quota: 4, refused: 3, interrupted: 5, finished: 1 } as const;

/** The JSON result and exit code of a restore/undo that ran, or the reason it did not start (stderr). */
function finish<R extends object>(end: TWriterRunEnd<R>, tenant: string, codeOf: (ok: boolean, result: R) => number): number {
  if (!end.started && end.code !== 'finished') {
    console.error(`${end.code === 'busy' || end.code === 'quota' ? 'busy' : 'refused'}: ${end.message}`);
    return NOT_STARTED_EXIT[end.code];
  }
  if (!end.started) console.error(end.message);
  const ok = end.status === 'SUCCEEDED';
  if (!end.result) {
    console.error(`error: ${end.message}`);
    return 1;
  }
  print({ jobId: end.jobId, tenant, ok, resumed: end.started ? end.how !== 'started' : true, ...end.result });
  return codeOf(ok, end.result);
}

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
const int = (s: string | undefined, name: string) => {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
};

async function tenantBySlug(slug: string) {
  const tenant = await db.tenant.findUnique({ where: { slug } });
  if (!tenant) throw new Error(`No tenant with slug "${slug}".`);
  return tenant;
}

/** Spec files name their tenant by slug; the package parser checks it again against the scope. */
async function readSpecFile(file: string): Promise<{ text: string; slug: string }> {
  const text = await readFile(file, 'utf8');
  let slug: unknown;
  try {
    slug = (JSON.parse(text) as { tenant?: unknown }).tenant;
  } catch (e) {
    throw new Error(`${file} is not JSON: ${(e as Error).message}`);
  }
  if (typeof slug !== 'string') throw new Error(`${file} names no tenant ("tenant": "<slug>")`);
  return { text, slug };
}

function progressPrinter() {
  let last = 0;
  let phase = '';
  return (p: TRestoreProgress) => {
    const now = Date.now();
    if (p.phase === phase && now - last < 500 && p.documents.done !== p.documents.total) return;
    last = now;
    phase = p.phase;
    const pct = p.documents.total > 0 ? Math.floor((100 * p.documents.done) / p.documents.total) : 100;
    const eta = p.etaMs === null ? '' : `, ETA ${Math.ceil(p.etaMs / 1000)}s`;
    const line = `${p.phase}: ${formatCount(p.documents.done)}/${formatCount(p.documents.total)} docs (${pct}%), ${formatBytes(p.bytes.done)}/${formatBytes(p.bytes.total)}${eta}`;
    process.stderr.write(process.stderr.isTTY ? `\r${line.padEnd(78)}${p.phase === 'done' ? '\n' : ''}` : `${line}\n`);
  };
}

export async function runRestoreCommand(command: 'restore' | 'undo' | 'lineage', v: TRestoreCliValues): Promise<number> {
  const resuming = command === 'restore' && v.resume !== undefined;
  if (command === 'restore' && (resuming ? v['dry-run'] || (!v.spec && !v.tenant) : !v.spec || v['dry-run'] === v.execute)) {
    console.error(
      `usage: npm run vault -- restore --spec <file.json> (--dry-run | --execute) | restore (--tenant <slug> | --spec <file.json>) --resume <id>\n${RESTORE_EXIT_CODES}`,
    );
    return 2;
  }
  if (command !== 'restore' && (!v.tenant || (command === 'undo' ? !v.restore : !v.restore && !v.document))) {
    console.error(
      `usage: npm run vault -- ${command === 'undo' ? 'undo --tenant <slug> --restore <id>' : 'lineage --tenant <slug> (--restore <id> | --document <id JSON>)'}`,
    );
    return 2;
  }
  const spec = v.spec ? await readSpecFile(v.spec) : null;
  if (spec && v.tenant && spec.slug !== v.tenant) throw new Error(`${v.spec} is a package of tenant ${spec.slug}, not ${v.tenant}`);
  const tenant = await tenantBySlug(spec?.slug ?? v.tenant!);
  const waiting = { wait: !v['no-wait'], onWait: (m: string) => console.error(m) };
  const ctx = await createEngineContext();
  try {
    if (command === 'restore' && v['dry-run']) {
      const { jobId, summary } = await runRestoreDryRun({
        ctx,
        tenantId: tenant.id,
        spec: spec!.text,
        page: int(v.page, 'page'),
        pageSize: int(v['page-size'], 'page-size'),
      });
      print({ jobId, tenant: tenant.slug, ...summary });
      return 0;
    }
    if (command === 'restore') {
      const end = await runRestoreHere({
        ...waiting,
        ctx,
        tenant,
        spec: spec?.text,
        resumeId: v.resume,
        batchSize: int(v['batch-size'], 'batch-size'),
        onProgress: progressPrinter(),
        governedWork: (job, run) => runApprovedRestoreRequest({ requestId: (job.payload as { requestId: string }).requestId, ctx, run }),
      });
      if (end.started && end.how !== 'started') console.error(`resumed restore job ${end.jobId} (${end.how === 'took-over' ? 'taken over' : 'reopened'})`);
      return finish(end, tenant.slug, (ok, result) => {
        if (result.outcome === 'refused') console.error(`refused: ${result.dryRun.counts.conflict} conflicts under conflictPolicy 'fail'; nothing was written`);
        return result.outcome === 'refused' ? 3 : ok ? 0 : 1;
      });
    }
    if (command === 'undo') {
      // A governed restore is undone through its request (approvals, audit, UNDOING → UNDONE).
      if (await db.restoreRequest.findFirst({ where: { id: v.restore!, tenantId: tenant.id }, select: { id: true } })) {
        console.error(`refused: ${v.restore} is a restore request; undo it from its request page (an UNDO job the worker runs), not from the operator CLI`);
        return 3;
      }
      const end = await runUndoHere({ ...waiting, ctx, tenantId: tenant.id, restoreId: v.restore! });
      return finish(end, tenant.slug, (ok) => (ok ? 0 : 1));
    }
    const documentId = v.document === undefined ? undefined : (BSON.EJSON.parse(`{"v":${v.document}}`, { relaxed: true }) as { v: unknown }).v;
    print(await listRestoreLineage({ endpoint: ctx.endpoint, tenant, restoreId: v.restore, documentId, namespace: v.collection }));
    return 0;
  } finally {
    await ctx.close();
  }
}
