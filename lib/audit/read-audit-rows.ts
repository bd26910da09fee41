import type { Prisma } from '@/lib/db';
import type { TAuditRow } from './verify-audit-chain';

type TAuditReader = { auditEvent: { findMany(args: Prisma.AuditEventFindManyArgs): Promise<TAuditRow[]> } };

/**
 * Streams audit rows in id order, in keyset-paged batches (memory stays flat however long the
 * log is). Pass a transaction client to read a consistent view.
 */
export async function* readAuditRows(client: TAuditReader, opts: { batch?: number; where?: Prisma.AuditEventWhereInput } = {}): AsyncGenerator<TAuditRow> {
  const batch = opts.batch ?? 1000;
  let after: bigint | null = null;
  for (;;) {
    const where: Prisma.AuditEventWhereInput = after === null ? (opts.where ?? {}) : { AND: [opts.where ?? {}, { id: { gt: after } }] };
    const rows = await client.auditEvent.findMany({ where, orderBy: { id: 'asc' }, take: batch });
    for (const r of rows) yield r;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}
