// Execution batches, derived only from the safety record and the batch size the journal
// recorded, so a resumed run cuts exactly the same batches as the run that crashed.
import { isWriteAction } from './restore-counts';
import type { TSafetyItem, TSafetyRecord } from './safety-record';

export type TRestoreBatch = { index: number; namespace: number; items: TSafetyItem[] };

export function buildBatches(record: TSafetyRecord, batchSize: number): TRestoreBatch[] {
  const batches: TRestoreBatch[] = [];
  record.namespaces.forEach((ns, namespace) => {
    const writes = ns.items.filter((it) => isWriteAction(it[1]));
    for (let i = 0; i < writes.length; i += batchSize) batches.push({ index: batches.length, namespace, items: writes.slice(i, i + batchSize) });
  });
  return batches;
}
