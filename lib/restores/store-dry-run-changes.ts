import 'server-only';
import { db, type Prisma } from '@/lib/db';
import type { TDryRunChangeWithSides } from '@/lib/engine';
import { flattenDelta, type TFieldChange } from '@/lib/snapshots/compare-documents';

/** Stored JSON per side (live, snapshot) and for the field-level change list of one document. */
export const DRY_RUN_CHANGE_MAX_BYTES = 32 * 1024;
/** Rows per insert while the dry-run streams its changes. */
export const DRY_RUN_CHANGE_BATCH = 100;

/** What replaces a side or a value larger than the bound. */
export type TTruncatedMarker = { $truncated: true; bytes: number; limit: number };

function jsonBytes(v: unknown): number {
  return v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v), 'utf8');
}

function marker(bytes: number): TTruncatedMarker {
  return { $truncated: true, bytes, limit: DRY_RUN_CHANGE_MAX_BYTES };
}

function boundSide(doc: Record<string, unknown> | null): { value: Record<string, unknown> | null; cut: boolean } {
  if (!doc) return { value: null, cut: false };
  const bytes = jsonBytes(doc);
  return bytes <= DRY_RUN_CHANGE_MAX_BYTES ? { value: doc, cut: false } : { value: marker(bytes), cut: true };
}

/** Field changes in order while they fit; a change too large on its own keeps its path with markers for values. */
function boundChanges(list: TFieldChange[]): { value: TFieldChange[]; cut: boolean } {
  const out: TFieldChange[] = [];
  let used = 2;
  for (const c of list) {
    let item = c;
    let size = jsonBytes(c) + 1;
    if (used + size > DRY_RUN_CHANGE_MAX_BYTES) {
      item = { path: c.path, kind: c.kind };
      if (c.live !== undefined) item.live = marker(jsonBytes(c.live));
      if (c.snapshot !== undefined) item.snapshot = marker(jsonBytes(c.snapshot));
      size = jsonBytes(item) + 1;
      if (used + size > DRY_RUN_CHANGE_MAX_BYTES) return { value: out, cut: true };
    }
    out.push(item);
    used += size;
  }
  return { value: out, cut: out.some((c, i) => c !== list[i]) };
}

/** One engine change as its catalog row (sides and field list bounded). */
export function dryRunChangeRow(args: { tenantId: string; jobId: string; seq: number; change: TDryRunChangeWithSides }): Prisma.DryRunChangeCreateManyInput {
  const c = args.change;
  const live = boundSide(c.live);
  const snapshot = boundSide(c.snapshot);
  const changes = boundChanges(c.diff ? flattenDelta(c.diff) : []);
  return {
    tenantId: args.tenantId,
    jobId: args.jobId,
    seq: args.seq,
    namespace: c.namespace,
    idKey: c.idKey,
    docId: (c.id ?? null) as Prisma.InputJsonValue,
    action: c.action,
    ...(live.value ? { live: live.value as Prisma.InputJsonValue } : {}),
    ...(snapshot.value ? { snapshot: snapshot.value as Prisma.InputJsonValue } : {}),
    changes: JSON.parse(JSON.stringify(changes.value)) as Prisma.InputJsonValue,
    truncated: live.cut || snapshot.cut || changes.cut,
  };
}

/**
 * The DRY_RUN job's sink for its per-document changes: `reset` drops what an earlier attempt of
 * the job stored; `write` inserts one batch (the engine's `eachChanges`). Rows are keyed by
 * (jobId, seq), so a batch written twice is not duplicated.
 */
export function createDryRunChangeStore({ tenantId, jobId }: { tenantId: string; jobId: string }) {
  let stored = 0;
  return {
    async reset() {
      await db.dryRunChange.deleteMany({ where: { tenantId, jobId } });
      stored = 0;
    },
    async write(batch: TDryRunChangeWithSides[], { seq }: { seq: number }) {
      if (batch.length === 0) return;
      const data = batch.map((change, i) => dryRunChangeRow({ tenantId, jobId, seq: seq + i, change }));
      const r = await db.dryRunChange.createMany({ data, skipDuplicates: true });
      stored += r.count;
    },
    stored: () => stored,
  };
}
