import 'server-only';
import { db, Prisma, type PrismaClient } from '@/lib/db';
import { ZJournalEntry, type RestoreJournal } from '@/lib/engine';
import { AppError } from '@/lib/errors';

/**
 * The engine's RestoreJournal port on the catalog table `restore_journal_entries`, confined to
 * one tenant: every read and write carries `tenantId`. Append-only (a trigger refuses UPDATE);
 * the next `seq` is the number of entries already there, and `@@unique([restoreId, seq])` turns
 * a second writer on the same restore — or a restore id already used by another tenant — into
 * a refused append instead of an interleaved journal.
 */
export function createPrismaRestoreJournal({ tenantId, client = db }: { tenantId: string; client?: PrismaClient }): RestoreJournal {
  return {
    async read(restoreId) {
      const rows = await client.restoreJournalEntry.findMany({
        where: { tenantId, restoreId },
        orderBy: { seq: 'asc' },
        select: { seq: true, entry: true },
      });
      rows.forEach((row, i) => {
        if (row.seq !== i) throw new AppError('CONFLICT', `journal of restore ${restoreId} has a gap at seq ${i}`);
      });
      return rows.map((row) => ZJournalEntry.parse(row.entry));
    },

    async append(restoreId, input) {
      const entry = ZJournalEntry.parse(input);
      const seq = await client.restoreJournalEntry.count({ where: { tenantId, restoreId } });
      try {
        await client.restoreJournalEntry.create({
          data: { tenantId, restoreId, seq, type: entry.type, entry: entry as Prisma.InputJsonValue },
        });
      } catch (e) {
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
          throw new AppError(
            'CONFLICT',
            `journal of restore ${restoreId}: entry ${seq} was written by someone else (concurrent executor, or the id belongs to another tenant)`,
          );
        }
        throw e;
      }
    },
  };
}
