// Operator CLI, a thin adapter over the engine and the catalog:
//   npm run vault -- backup --tenant <slug> [--full | --incremental]
//   npm run vault -- ls --tenant <slug>
//   npm run vault -- verify --tenant <slug> [--snapshot <id>] [--level structural|read-data]
//   npm run vault -- restore --spec <file.json> (--dry-run | --execute)   (see vault-restore.ts)
//   npm run vault -- restore (--tenant <slug> | --spec <file.json>) --resume <restoreId|jobId>
//   npm run vault -- undo --tenant <slug> --restore <id> [--no-wait]
//   npm run vault -- lineage --tenant <slug> (--restore <id> | --document <id JSON>)
import { parseArgs } from 'node:util';
import { runBackup } from '../lib/backups/run-backup';
import { db } from '../lib/db';
import { createRepository, listSnapshots, verifyRepository, verifySnapshot, type TVerifyReport } from '../lib/engine';
import { formatBytes, formatCount } from '../lib/format';
import { createEngineContext } from '../lib/vault/engine-context';
import { listExpectedSnapshotIds } from '../lib/vault/list-expected-snapshot-ids';
import { RESTORE_EXIT_CODES, runRestoreCommand } from './vault-restore';

const USAGE = `usage: npm run vault -- <command> [options]
  backup  --tenant <slug> [--full | --incremental]       take a snapshot now (default: policy decides)
  ls      --tenant <slug>                                snapshots in the catalog and in the repository
  verify  --tenant <slug> [--snapshot <id>] [--level L]  L = structural (default) | read-data
  restore --spec <file.json> --dry-run [--page N] [--page-size N]
                                                         counts, diffs, planHash, pre-state fingerprint
  restore --spec <file.json> --execute [--batch-size N] [--no-wait]
                                                         plan, dry-run, execute, verify (progress on stderr);
                                                         an interrupted restore of the same package is resumed
                                                         (same restore id, journal and undo point)
  restore (--tenant <slug> | --spec <file.json>) --resume <restoreId|jobId> [--no-wait]
                                                         continue that interrupted restore
  undo    --tenant <slug> --restore <id> [--no-wait]     put back what restore <id> changed
  lineage --tenant <slug> (--restore <id> | --document <id JSON>) [--collection <name>]
restore and undo run as the tenant's one writer: while another restore/undo of the tenant runs
they wait (saying why on stderr); --no-wait exits 4 instead.
${RESTORE_EXIT_CODES}`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      full: { type: 'boolean', default: false },
      incremental: { type: 'boolean', default: false },
      snapshot: { type: 'string' },
      level: { type: 'string', default: 'structural' },
      json: { type: 'boolean', default: false },
      spec: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      execute: { type: 'boolean', default: false },
      restore: { type: 'string' },
      document: { type: 'string' },
      collection: { type: 'string' },
      page: { type: 'string' },
      'page-size': { type: 'string' },
      'batch-size': { type: 'string' },
      resume: { type: 'string' },
      'no-wait': { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (command === 'restore' || command === 'undo' || command === 'lineage') return runRestoreCommand(command, values);
  if (!command || !['backup', 'ls', 'verify'].includes(command) || !values.tenant) {
    console.error(USAGE);
    return 2;
  }
  const tenant = await db.tenant.findUnique({ where: { slug: values.tenant } });
  if (!tenant) {
    console.error(`No tenant with slug "${values.tenant}".`);
    return 2;
  }
  const ctx = await createEngineContext();
  try {
    if (command === 'backup') {
      if (values.full && values.incremental) throw new Error('--full and --incremental exclude each other');
      const kind = values.full ? 'full' : values.incremental ? 'incremental' : 'auto';
      let last = '';
      const { manifest } = await runBackup({
        ctx,
        tenantId: tenant.id,
        kind,
        onProgress: (p) => {
          const line = `${p.phase} ${p.collection ?? ''} ${formatCount(p.documents)} docs, ${formatBytes(p.bytes)}`;
          if (line !== last && process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(70)}`);
          last = line;
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      const s = manifest.stats;
      console.log(
        JSON.stringify(
          {
            snapshotId: manifest.snapshotId,
            kind: manifest.kind,
            seq: manifest.seq,
            consistentAt: manifest.consistentAt,
            consistency: manifest.consistency.method,
            documents: s.documents,
            logicalBytes: s.bytes,
            storedBytes: s.packBytesWritten,
            newBlobs: s.newBlobs,
            reusedBlobs: s.reusedBlobs,
            durationMs: Math.round(s.durationMs),
          },
          null,
          2,
        ),
      );
      return 0;
    }
    const repo = await createRepository({ tenantId: tenant.id, store: ctx.store, keys: ctx.keys });
    if (command === 'ls') {
      const rows = await db.snapshot.findMany({ where: { tenantId: tenant.id }, orderBy: { seq: 'asc' } });
      const expected = new Set(await listExpectedSnapshotIds(tenant.id));
      const listing = await listSnapshots(repo);
      const inRepo = new Set(listing.snapshots.map((s) => s.snapshotId));
      for (const s of listing.snapshots) {
        const listed = rows.some((r) => r.id === s.snapshotId) ? 'catalog+repo' : 'repo only';
        console.log(
          `${String(s.seq).padStart(4)}  ${s.snapshotId}  ${s.kind.padEnd(11)}  ${s.consistentAt}  ${formatCount(s.documents).padStart(9)} docs  ${listed}`,
        );
      }
      const missing = rows.filter((r) => !inRepo.has(r.id) && expected.has(r.id));
      for (const r of rows.filter((r) => !inRepo.has(r.id) && !expected.has(r.id)))
        console.log(`   -  ${r.id}  ${r.status.toLowerCase()} in the catalog, no manifest expected`);
      for (const r of missing) console.log(`   ?  ${r.id}  catalog row without a manifest in the repository`);
      for (const bad of listing.invalid) console.log(`   !  ${bad.snapshotId}  unreadable manifest: ${bad.error.code} ${bad.error.message}`);
      if (missing.length > 0) {
        console.error(
          `error: the catalog lists ${missing.length} completed snapshot(s) of tenant ${tenant.slug} that the repository cannot show` +
            (inRepo.size === 0 ? ' (the repository prefix is empty: another master key or bucket, or deleted objects?)' : ''),
        );
      }
      return listing.invalid.length > 0 || missing.length > 0 ? 1 : 0;
    }
    const level = values.level === 'read-data' ? 'read-data' : values.level === 'structural' ? 'structural' : null;
    if (!level) throw new Error(`--level must be structural or read-data, got ${values.level}`);
    const report: TVerifyReport = values.snapshot
      ? await verifySnapshot({ repo, snapshotId: values.snapshot, level })
      : await verifyRepository({ repo, level, expected: await listExpectedSnapshotIds(tenant.id) });
    console.log(JSON.stringify(report, null, 2));
    if (!report.ok)
      console.error(
        `error: verify found ${report.problems.length} problem(s): ${report.problems
          .slice(0, 3)
          .map((p) => `${p.code} ${p.objectKey}`)
          .join('; ')}`,
      );
    return report.ok ? 0 : 1;
  } finally {
    await ctx.close();
  }
}

main()
  .then(async (code) => {
    await db.$disconnect();
    process.exit(code);
  })
  .catch(async (e: unknown) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    await db.$disconnect();
    process.exit(1);
  });
