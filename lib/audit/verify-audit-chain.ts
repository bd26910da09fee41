// Walks the audit log in id order and recomputes the chain. Reports the first broken position:
// a row whose content no longer hashes to its `hash` (updated), or whose `prevHash` is not the
// previous row's hash (deleted, inserted or reordered rows).
import { AUDIT_GENESIS, auditHash, contentOf, type TAuditRowContent } from './append-audit';

export type TAuditRow = TAuditRowContent & { id: bigint; prevHash: string; hash: string };

export type TChainReport =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; position: number; id: string; problem: 'content-changed' | 'chain-broken'; detail: string };

/** `rows` must be in ascending id order; `position` is 0-based in that order. */
export async function verifyAuditChain(rows: AsyncIterable<TAuditRow> | Iterable<TAuditRow>): Promise<TChainReport> {
  let prev = AUDIT_GENESIS;
  let position = 0;
  for await (const row of rows) {
    if (row.prevHash !== prev) {
      return {
        ok: false,
        rows: position,
        position,
        id: row.id.toString(),
        problem: 'chain-broken',
        detail: `row ${row.id} names predecessor ${row.prevHash.slice(0, 12)}…, but the previous row's hash is ${prev.slice(0, 12)}… (a row was deleted, inserted or moved)`,
      };
    }
    const expected = auditHash(prev, contentOf(row));
    if (expected !== row.hash) {
      return {
        ok: false,
        rows: position,
        position,
        id: row.id.toString(),
        problem: 'content-changed',
        detail: `row ${row.id}'s content does not hash to its recorded hash (the row was modified)`,
      };
    }
    prev = row.hash;
    position++;
  }
  return { ok: true, rows: position, lastHash: prev };
}
