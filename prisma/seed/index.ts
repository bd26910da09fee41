// `npx tsx --conditions=react-server prisma/seed/index.ts [--scale N]`: seeds the catalog (tenants, users, roles) and the
// tenants' MongoDB data. Idempotent. SEED_DB_SUFFIX keeps test data in databases of its own.
import { parseArgs } from 'node:util';
import { db } from '../../lib/db';
import { seedCatalog } from './seed-catalog';
import { formatSeedTable } from './mongo/format-seed-table';
import { seedMongo } from './mongo/seed-mongo';

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new Error(`--scale must be a number in (0, 10], got ${values.scale}`);
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set (source scripts/env.sh)');
  const dbSuffix = process.env.SEED_DB_SUFFIX ?? '';
  await seedCatalog(db, { dbSuffix });
  const result = await seedMongo({ uri, scale, dbSuffix });
  console.log(`\n${formatSeedTable(result)}\n`);
  console.log(`MongoDB holds ${result.total} demo documents across the three tenancy models.`);
  if (result.indexFailures.length > 0) throw new Error(`${result.indexFailures.length} index(es) could not be created`);
}

main()
  .then(() => db.$disconnect())
  .catch(async (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    await db.$disconnect();
    process.exit(1);
  });
