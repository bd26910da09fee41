// `npx tsx prisma/seed/mongo/index.ts [--scale N] [--tenants acme,globex] [--suffix _x]
//   [--batch 1000] [--concurrency 4]`
// Seeds the demo tenants' MongoDB data at MONGODB_URI (source scripts/env.sh) and prints the
// documents per tenant / database / collection, the total and the timing. Idempotent.
import { parseArgs } from 'node:util';
import { formatSeedTable } from './format-seed-table';
import { seedMongo } from './seed-mongo';

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      tenants: { type: 'string' },
      suffix: { type: 'string', default: process.env.SEED_DB_SUFFIX ?? '' },
      batch: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '4' },
    },
  });
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new Error(`--scale must be a number in (0, 10], got ${values.scale}`);
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set (source scripts/env.sh)');
  const r = await seedMongo({
    uri,
    scale,
    dbSuffix: values.suffix,
    batchSize: Number(values.batch),
    concurrency: Number(values.concurrency),
    ...(values.tenants
      ? {
          tenants: values.tenants
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
  });
  console.log('');
  console.log(formatSeedTable(r));
  console.log('');
  const mib = r.insertedBytes / 1048576;
  console.log(
    r.inserted > 0
      ? `inserted ${r.inserted} docs (${mib.toFixed(1)} MiB BSON) in ${(r.insertMs / 1000).toFixed(1)}s = ${Math.round(r.inserted / (r.insertMs / 1000))} docs/s, ${(mib / (r.insertMs / 1000)).toFixed(2)} MiB/s (generation overlapped with inserts)`
      : 'nothing to insert: every slice already holds its generated set',
  );
  console.log(`total ${r.total} documents, ${(r.ms / 1000).toFixed(1)}s`);
  if (r.indexFailures.length > 0) {
    console.error(`${r.indexFailures.length} index(es) could not be created (see above)`);
    process.exitCode = 1;
  }
}

// Run only as a script (the table formatter is importable).
if (process.argv[1] && /prisma[\\/]seed[\\/]mongo[\\/]index\.[cm]?[jt]s$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
