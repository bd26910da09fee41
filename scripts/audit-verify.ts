// `npm run audit:verify`: recomputes the audit hash chain from the catalog.
// Exit 0 when intact; 1 with the first broken position (0-based, in id order) and row id; 2 on error.
import { db } from '../lib/db';
import { verifyStoredAuditChain } from '../lib/audit/verify-stored-audit-chain';

async function main(): Promise<number> {
  const report = await verifyStoredAuditChain(db);
  if (report.ok) {
    console.log(`audit chain OK: ${report.rows} events, last hash ${report.lastHash}`);
    return 0;
  }
  console.error(`audit chain BROKEN at position ${report.position} (row id ${report.id}): ${report.problem}`);
  console.error(report.detail);
  console.error(`${report.rows} events before it verified.`);
  return 1;
}

main()
  .then(async (code) => {
    await db.$disconnect();
    process.exit(code);
  })
  .catch(async (e: unknown) => {
    console.error('audit:verify failed:', e instanceof Error ? e.message : e);
    await db.$disconnect();
    process.exit(2);
  });
