import { bigIntToTs, formatTs, hasOplog, oldestOplogTs, OPLOG_COLL, OPLOG_DB, parseOplogEntry, type TOplogOp } from '../capture/oplog';
import { EngineError, throwIfAborted } from '../errors/engine-error';
import { idFromKey } from '../format/document-key';
import { scopedFilter } from '../mongo/resolve-tenant-scope';
import type { TTenant } from '../mongo/tenancy';
import type { IdTenantResolver } from '../ports/id-tenant-resolver';
import type { MongoEndpoint } from '../ports/mongo-endpoint';
import type { TRepository } from '../repo/repository';
import type { CapturePositionStore, TCapturePosition } from './capture-position';
import { cutSegments, type TCutOptions } from './cut-segments';
import { demultiplex } from './demultiplex';
import { resolveUnknownOwners } from './id-tenant-map';
import { listOplogSegments, writeOplogSegment, type TOplogSegmentRef } from './oplog-segment';
import { tsEndOfSecond, type TPitrEntry } from './pitr-entry';

export type TCaptureGap = { afterTs: bigint; beforeTs: bigint; reason: 'oplog-rolled-over' };

export type TCaptureOplogArgs = {
  endpoint: MongoEndpoint;
  tenants: readonly TTenant[];
  repoOf: (tenantId: string) => Promise<TRepository>;
  positions: CapturePositionStore;
  resolver: IdTenantResolver;
  /** Where a first run starts (exclusive): e.g. the oplogFrom of the tenants' base snapshots. Default: now − settle. */
  startAt?: bigint;
  /**
   * Per tenant, where its capture began (exclusive): a tenant that joined (or re-joined) after
   * `since` has no entries before this in the stream, so its segments never start earlier.
   */
  tenantSince?: ReadonlyMap<string, bigint>;
  options?: Partial<TCutOptions> & {
    /** Entries of the last `settleSeconds` are left for the next run (FerretDB logs an entry after its change). */
    settleSeconds?: number;
  };
  signal?: AbortSignal;
};

export type TCaptureOplogResult = {
  position: TCapturePosition;
  /** Set when the oplog no longer reaches the last position: the caller records it and queues full snapshots of `gap.tenants`. */
  gap: (TCaptureGap & { tenants: string[] }) | null;
  entriesRead: number;
  entriesCaptured: number;
  /** Entries of shared collections whose tenant could not be known (deletes of ids never seen). */
  unresolved: number;
  /** firstTs/lastTs: the segment's oldest and newest entry (the lag of its writes). */
  segments: (TOplogSegmentRef & { tenantId: string; entries: number; firstTs: bigint; lastTs: bigint })[];
};

export const DEFAULT_CUT: TCutOptions = { maxSeconds: 10, maxBytes: 8 * 1024 * 1024 };

/**
 * One capture run for a cluster: reads `local.oplog.rs` after the persisted position up to
 * now − settle, demultiplexes to the tenants, writes each tenant's entries as chained segments,
 * then saves the position. Crash-safe without a transaction: a tenant's entries at or before its
 * newest segment's end are skipped (its watermark), so a rerun after a crash between the segment
 * writes and the position write writes each entry exactly once. Call it every N seconds (N ≈
 * the segment length); several processes must not run it at once (worker lease).
 */
export async function captureOplog(args: TCaptureOplogArgs): Promise<TCaptureOplogResult> {
  const { endpoint, tenants } = args;
  const cut: TCutOptions = { ...DEFAULT_CUT, ...args.options };
  const settle = args.options?.settleSeconds ?? 1;
  if (!(await hasOplog(endpoint)))
    throw new EngineError('INVALID_ARGUMENT', `${endpoint.label} has no ${OPLOG_DB}.${OPLOG_COLL}: point-in-time capture needs one`);
  const now = await endpoint.serverTime();
  const upper = tsEndOfSecond(new Date(now.getTime() - settle * 1000));
  const saved = await args.positions.load();
  let position: TCapturePosition = saved ?? { through: args.startAt ?? upper, since: args.startAt ?? upper };
  let gap: TCaptureOplogResult['gap'] = null;

  const oldest = await oldestOplogTs(endpoint);
  if (oldest !== null && oldest > position.through) {
    // Nothing at or before `through` is left, so entries after it and before `oldest` may be lost
    // (also on a first run whose startAt the oplog no longer reaches): the chain restarts just before `oldest`.
    gap = { afterTs: position.through, beforeTs: oldest, reason: 'oplog-rolled-over', tenants: tenants.map((t) => t.tenantId) };
    position = { through: oldest - 1n, since: oldest - 1n };
  }
  const result: TCaptureOplogResult = { position, gap, entriesRead: 0, entriesCaptured: 0, unresolved: 0, segments: [] };
  if (upper <= position.through) return await finish(args, result, saved);

  const ops: TOplogOp[] = [];
  const dbs = new Set(tenants.map((t) => t.tenancy.database));
  for await (const raw of endpoint.findRaw(OPLOG_DB, OPLOG_COLL, { ts: { $gt: bigIntToTs(position.through), $lte: bigIntToTs(upper) } })) {
    result.entriesRead++;
    const op = parseOplogEntry(raw);
    if (op && dbs.has(op.ns.slice(0, op.ns.indexOf('.')))) ops.push(op);
  }
  ops.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  throwIfAborted(args.signal);

  await resolveUnknownOwners(endpoint, tenants, ops, args.resolver);
  const demux = demultiplex(ops, tenants, args.resolver);
  result.unresolved = demux.unresolved.length;

  for (const tenant of tenants) {
    throwIfAborted(args.signal);
    const repo = await args.repoOf(tenant.tenantId);
    const existing = await listOplogSegments(repo);
    const watermark = existing.reduce((m, s) => (s.toTs > m ? s.toTs : m), -1n);
    const floor = args.tenantSince?.get(tenant.tenantId) ?? -1n;
    const from = [watermark, position.since, floor].reduce((m, v) => (v > m ? v : m));
    if (from >= upper) continue; // already written by an earlier, interrupted run
    const fresh = await postImages(
      endpoint,
      tenant,
      (demux.byTenant.get(tenant.tenantId) ?? []).filter((e) => e.ts > from),
    );
    for (const c of cutSegments(fresh, from, upper, cut)) {
      const ref = await writeOplogSegment(repo, c.fromTs, c.toTs, c.entries);
      result.segments.push({
        ...ref,
        tenantId: tenant.tenantId,
        entries: c.entries.length,
        firstTs: c.entries[0]!.ts,
        lastTs: c.entries[c.entries.length - 1]!.ts,
      });
      result.entriesCaptured += c.entries.length;
    }
  }
  // Only now that every tenant's entries ≤ upper are durable may the resolver and position move.
  for (const ch of demux.resolverChanges) {
    if (ch.tenantId) args.resolver.remember(ch.ns, ch.idKey, ch.tenantId);
    else args.resolver.forget(ch.ns, ch.idKey);
  }
  result.position = { through: upper, since: position.since };
  return await finish(args, result, saved);
}

async function finish(args: TCaptureOplogArgs, result: TCaptureOplogResult, saved: TCapturePosition | null) {
  if (!saved || saved.through !== result.position.through || saved.since !== result.position.since) await args.positions.save(result.position);
  return result;
}

/**
 * Diff-style updates (real MongoDB) carry no document: read the tenant's document as it is now
 * (through the tenant predicate). Its state may be newer than the entry's ts; a later entry of
 * the same document then brings it back in line. Missing → stays null (a delete follows).
 */
async function postImages(endpoint: MongoEndpoint, tenant: TTenant, entries: TPitrEntry[]): Promise<TPitrEntry[]> {
  if (!entries.some((e) => e.op === 'u' && !e.doc)) return entries;
  const t = tenant.tenancy;
  const out: TPitrEntry[] = [];
  for (const e of entries) {
    if (e.op !== 'u' || e.doc) {
      out.push(e);
      continue;
    }
    const coll = t.model === 'COLLECTION_PREFIX' ? `${t.collectionPrefix}${e.collection}` : e.collection;
    const predicate = t.model === 'SHARED_FIELD' ? { [t.tenantField]: t.tenantValue } : {};
    let doc: Uint8Array | null = null;
    for await (const raw of endpoint.findRaw(t.database, coll, scopedFilter({ predicate }, { _id: idFromKey(e.idKey) }), { limit: 1 })) doc = raw;
    out.push({ ...e, doc });
  }
  return out;
}

export const describeGap = (g: TCaptureGap) => `oplog rolled over: entries after ${formatTs(g.afterTs)} and before ${formatTs(g.beforeTs)} may be lost`;
