// In-memory RestoreJournal: entries are deep-copied in and out, like a database would.
import type { RestoreJournal, TJournalEntry } from './restore-journal';

export type MemoryRestoreJournal = RestoreJournal & { readonly entries: Map<string, TJournalEntry[]> };

export function createMemoryRestoreJournal(): MemoryRestoreJournal {
  const entries = new Map<string, TJournalEntry[]>();
  return {
    entries,
    async read(restoreId) {
      return structuredClone(entries.get(restoreId) ?? []);
    },
    async append(restoreId, entry) {
      const list = entries.get(restoreId) ?? [];
      list.push(structuredClone(entry));
      entries.set(restoreId, list);
    },
  };
}
