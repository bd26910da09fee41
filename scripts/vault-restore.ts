// The restore commands of the operator CLI (scripts/vault.ts), thin adapters over lib/restores:
//   restore --spec <file.json> --dry-run [--page N] [--page-size N]
//   restore --spec <file.json> --execute [--batch-size N]
//   undo    --tenant <slug> --restore <id>
//   lineage --tenant <slug> (--restore <id> | --document <id JSON>) [--collection <name>]
// Results are JSON on stdout; progress goes to stderr. Exit codes: 0 ok, 1 failed or not
// verified, 2 usage, 3 refused (conflictPolicy 'fail' met conflicts; nothing was written).
import { readFile } from 'node:fs/promises';
import { BSON } from 'mongodb';
import { db } from '../lib/db';
import type { TRestoreProgress } from '../lib/engine';
import { formatBytes, formatCount } from '../lib/format';
import { listRestoreLineage } from '../lib/restores/list-restore-lineage';
import { runRestore } from '../lib/restores/run-restore';
import { runRestoreDryRun } from '../lib/restores/run-restore-dry-run';
import { runRestoreUndo } from '../lib/restores/run-restore-undo';
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
};

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
  if (command === 'restore' && (!v.spec || v['dry-run'] === v.execute)) {
    console.error('usage: npm run vault -- restore --spec <file.json> (--dry-run | --execute)');
    return 2;
  }
  if (command !== 'restore' && (!v.tenant || (command === 'undo' ? !v.restore : !v.restore && !v.document))) {
    console.error(
      `usage: npm run vault -- ${command === 'undo' ? 'undo --tenant <slug> --restore <id>' : 'lineage --tenant <slug> (--restore <id> | --document <id JSON>)'}`,
    );
    return 2;
  }
  const spec = v.spec ? await readSpecFile(v.spec) : null;
  const tenant = await tenantBySlug(spec?.slug ?? v.tenant!);
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
      const { jobId, ok, result } = await runRestore({
        ctx,
        tenantId: tenant.id,
        spec: spec!.text,
        batchSize: int(v['batch-size'], 'batch-size'),
        onProgress: progressPrinter(),
      });
      print({ jobId, tenant: tenant.slug, ok, ...result });
      if (result.outcome === 'refused') console.error(`refused: ${result.dryRun.counts.conflict} conflicts under conflictPolicy 'fail'; nothing was written`);
      return result.outcome === 'refused' ? 3 : ok ? 0 : 1;
    }
    if (command === 'undo') {
      // A governed restore is undone through its request (approvals, audit, UNDOING → UNDONE).
      if (await db.restoreRequest.findFirst({ where: { id: v.restore!, tenantId: tenant.id }, select: { id: true } })) {
        console.error(`refused: ${v.restore} is a restore request; undo it from its request page (an UNDO job the worker runs), not from the operator CLI`);
        return 3;
      }
      const { jobId, ok, result } = await runRestoreUndo({ ctx, tenantId: tenant.id, restoreId: v.restore! });
      print({ jobId, tenant: tenant.slug, ok, ...result });
      return ok ? 0 : 1;
    }
    const documentId = v.document === undefined ? undefined : (BSON.EJSON.parse(`{"v":${v.document}}`, { relaxed: true }) as { v: unknown }).v;
    print(await listRestoreLineage({ endpoint: ctx.endpoint, tenant, restoreId: v.restore, documentId, namespace: v.collection }));
    return 0;
  } finally {
    await ctx.close();
  }
}
