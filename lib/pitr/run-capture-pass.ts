import 'server-only';
import { db } from '@/lib/db';
import {
  captureOplog,
  createIdTenantMap,
  createRepository,
  tsEndOfSecond,
  tsToDate,
  type IdTenantResolver,
  type TCaptureOplogResult,
  type TCutOptions,
  type TRepository,
} from '@/lib/engine';
import type { TClusterOf } from '@/lib/schedule/data-plane-cluster';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { acquireCaptureLease } from './capture-lease';
import { createPrismaPositionStore } from './prisma-position-store';
import { seedIdResolver } from './seed-id-resolver';
import { syncCaptureTenants } from './sync-capture-tenants';

/** What a capture process keeps between passes (its lease identity, its `_id → tenant` map). */
export type TCaptureState = { holder: string; isHolder: boolean; resolver: IdTenantResolver; seeded: Set<string>; repos: Map<string, TRepository> };

export const createCaptureState = (holder: string): TCaptureState => ({
  holder,
  isHolder: false,
  resolver: createIdTenantMap(),
  seeded: new Set(),
  repos: new Map(),
});

export type TCapturePassResult =
  | { role: 'standby' }
  | { role: 'holder'; initialized: true }
  | ({ role: 'holder'; initialized: false; tenants: number; joined: string[]; left: string[] } & Pick<
      TCaptureOplogResult,
      'entriesRead' | 'entriesCaptured' | 'unresolved' | 'gap' | 'segments'
    >);

export type TCapturePassArgs = {
  ctx: TEngineContext;
  state: TCaptureState;
  cluster: string;
  leaseSeconds: number;
  settleSeconds: number;
  tenantIds?: readonly string[];
  cut?: Partial<TCutOptions>;
  /** test seam: PITR_CAPTURE_TEST_SAVE_DELAY_MS */
  saveDelayMs?: number;
  /** tenant → cluster (default: lib/schedule's clusterOfTenant; the benchmark uses a cluster of its own) */
  clusterOf?: TClusterOf;
};

/**
 * One pass of a cluster's capture: take or renew the lease (standby otherwise), bring the set of
 * captured tenants in line with their policies, run the engine's capture (segments, then the
 * position — with any gap and its backups — in one catalog transaction), then record each
 * tenant's last segment and its lag (write committed → segment durable).
 */
export async function runCapturePass(args: TCapturePassArgs): Promise<TCapturePassResult> {
  const { ctx, state, cluster } = args;
  if (!(await acquireCaptureLease({ cluster, holder: state.holder, ttlSeconds: args.leaseSeconds }))) {
    state.isHolder = false;
    return { role: 'standby' };
  }
  if (!state.isHolder) {
    // A standby did not follow the stream: start the `_id → tenant` map again.
    Object.assign(state, { isHolder: true, resolver: createIdTenantMap(), seeded: new Set<string>() });
  }
  const repoOf = async (tenantId: string) => {
    let repo = state.repos.get(tenantId);
    if (!repo) state.repos.set(tenantId, (repo = await createRepository({ tenantId, store: ctx.store, keys: ctx.keys, options: ctx.options })));
    return repo;
  };
  const options = { ...args.cut, settleSeconds: args.settleSeconds };
  const initial = createPrismaPositionStore({ cluster, holder: state.holder, tenantIds: [], leaseSeconds: args.leaseSeconds });
  const position = await initial.load();
  if (!position) {
    // First run on this cluster: the engine sets the position to now − settle; tenants join from there.
    await captureOplog({ endpoint: ctx.endpoint, tenants: [], repoOf, positions: initial, resolver: state.resolver, options });
    return { role: 'holder', initialized: true };
  }
  const sync = await syncCaptureTenants({ cluster, through: position.through, now: new Date(), tenantIds: args.tenantIds, clusterOf: args.clusterOf });
  for (const id of sync.left) state.seeded.delete(id);
  if (sync.tenants.length === 0) {
    // Nobody to capture: move the position without a pass over the oplog (nothing can be lost).
    const upper = tsEndOfSecond(new Date((await ctx.endpoint.serverTime()).getTime() - args.settleSeconds * 1000));
    if (upper > position.through) await initial.save({ through: upper, since: position.since });
    return {
      role: 'holder',
      initialized: false,
      tenants: 0,
      joined: [],
      left: sync.left,
      entriesRead: 0,
      entriesCaptured: 0,
      unresolved: 0,
      gap: null,
      segments: [],
    };
  }
  for (const t of sync.tenants) {
    if (state.seeded.has(t.tenantId)) continue;
    await seedIdResolver(state.resolver, await repoOf(t.tenantId), t);
    state.seeded.add(t.tenantId);
  }
  const r = await captureOplog({
    endpoint: ctx.endpoint,
    tenants: sync.tenants,
    repoOf,
    positions: createPrismaPositionStore({
      cluster,
      holder: state.holder,
      tenantIds: sync.tenants.map((t) => t.tenantId),
      leaseSeconds: args.leaseSeconds,
      saveDelayMs: args.saveDelayMs,
    }),
    resolver: state.resolver,
    tenantSince: sync.tenantSince,
    options,
  });
  await recordTenantSegments(cluster, r.segments, new Date());
  return {
    role: 'holder',
    initialized: false,
    tenants: sync.tenants.length,
    joined: sync.joined,
    left: sync.left,
    entriesRead: r.entriesRead,
    entriesCaptured: r.entriesCaptured,
    unresolved: r.unresolved,
    gap: r.gap,
    segments: r.segments,
  };
}

/** Lag is measured from the entry's oplog second (to the second: up to 1 s more than the truth). */
async function recordTenantSegments(cluster: string, segments: TCaptureOplogResult['segments'], durableAt: Date) {
  const byTenant = new Map<string, { toTs: bigint; firstTs: bigint }>();
  for (const s of segments) {
    const cur = byTenant.get(s.tenantId);
    byTenant.set(s.tenantId, { toTs: cur && cur.toTs > s.toTs ? cur.toTs : s.toTs, firstTs: cur && cur.firstTs < s.firstTs ? cur.firstTs : s.firstTs });
  }
  for (const [tenantId, s] of byTenant) {
    const lagMs = Math.max(0, durableAt.getTime() - tsToDate(s.firstTs).getTime());
    await db.pitrTenantCapture.updateMany({
      where: { tenantId, cluster },
      data: { lastSegmentToTs: s.toTs, lastSegmentAt: durableAt, lastLagMs: Math.min(lagMs, 2_147_483_647) },
    });
  }
}
