// Typed ids from the package -> BSON values, refusing duplicates (1 and 1.0 are the same _id).
import { ObjectId } from 'mongodb';
import type { TIssue } from '../filter/filter-issue';
import type { TDocumentIdJson } from './restore-spec-schema';

export type TDocumentId = ObjectId | string | number;

export function parseDocumentIds(ids: readonly TDocumentIdJson[]): { ids: TDocumentId[]; issues: TIssue[] } {
  const issues: TIssue[] = [];
  const seen = new Set<string>();
  const out: TDocumentId[] = [];
  ids.forEach((raw, i) => {
    const value = typeof raw === 'object' ? ObjectId.createFromHexString(raw.$oid) : raw;
    const key = value instanceof ObjectId ? `oid:${value.toHexString()}` : `${typeof value}:${String(value)}`;
    if (seen.has(key)) {
      issues.push({ path: ['selection', 'documentIds', i], code: 'INVALID_ARGUMENT', message: 'duplicate document id' });
      return;
    }
    seen.add(key);
    out.push(value);
  });
  return { ids: out, issues };
}
