import 'server-only';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { db } from '@/lib/db';
import { describeGap } from '@/lib/engine';
import { env, isPitrCaptureEnabled } from '@/lib/env';
import { DEFAULT_CLUSTER } from '@/lib/schedule/data-plane-cluster';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { acquireCaptureLease, releaseCaptureLease } from './capture-lease';
import { createCaptureState, runCapturePass, type TCapturePassResult } from './run-capture-pass';

export type TCaptureLoop = { holder: string; stop(): Promise<void> };

/**
 * The capture process of a cluster: a pass every PITR_CAPTURE_INTERVAL_SECONDS, one at a time.
 * Every worker runs one (and `npm run capture` runs one alone); the lease makes one of them the
 * capturer, the others stand by and take over when its lease expires. A failed pass is logged
 * and recorded on the cluster row; the next one retries from the persisted position. `stop()`
 * waits for the running pass and gives the lease up.
 */
export function startCaptureLoop(args: {
  ctx: TEngineContext;
  log: Logger;
  cluster?: string;
  enabled?: boolean;
  onPass?: (r: TCapturePassResult) => void;
}): TCaptureLoop {
  const e = env();
  const cluster = args.cluster ?? DEFAULT_CLUSTER;
  const holder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  if (!(args.enabled ?? isPitrCaptureEnabled())) {
    args.log.info('point-in-time capture off (PITR_CAPTURE_ENABLED)');
    return { holder, stop: async () => undefined };
  }
  const state = createCaptureState(holder);
  const intervalMs = e.PITR_CAPTURE_INTERVAL_SECONDS * 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let lastRole: string | undefined;
  const pass = async () => {
    // While a pass runs (on FerretDB one pass over the whole oplog can take seconds), the holder
    // keeps its lease fresh, so a standby does not take over a live capturer.
    const renew = setInterval(
      () => {
        if (state.isHolder) void acquireCaptureLease({ cluster, holder, ttlSeconds: e.PITR_CAPTURE_LEASE_SECONDS }).catch(() => undefined);
      },
      Math.max(200, (e.PITR_CAPTURE_LEASE_SECONDS * 1000) / 3),
    );
    try {
      const r = await runCapturePass({
        ctx: args.ctx,
        state,
        cluster,
        leaseSeconds: e.PITR_CAPTURE_LEASE_SECONDS,
        settleSeconds: e.PITR_CAPTURE_SETTLE_SECONDS,
        tenantIds: e.PITR_CAPTURE_TENANTS,
        saveDelayMs: e.PITR_CAPTURE_TEST_SAVE_DELAY_MS,
      });
      if (r.role !== lastRole) args.log.info({ cluster, holder, role: r.role }, 'capture role');
      lastRole = r.role;
      if (r.role === 'holder' && !r.initialized) {
        const line = {
          cluster,
          tenants: r.tenants,
          entriesRead: r.entriesRead,
          entriesCaptured: r.entriesCaptured,
          segments: r.segments.length,
          unresolved: r.unresolved,
        };
        if (r.gap) args.log.warn({ ...line, gap: describeGap(r.gap), gapTenants: r.gap.tenants }, 'capture gap recorded; full backups queued');
        else if (r.entriesCaptured > 0 || r.joined.length > 0 || r.left.length > 0) args.log.info({ ...line, joined: r.joined, left: r.left }, 'capture pass');
        else args.log.debug(line, 'capture pass');
      }
      args.onPass?.(r);
    } catch (err) {
      args.log.warn({ err, cluster }, 'capture pass failed');
      const message = err instanceof Error ? err.message : String(err);
      await db.pitrCapture.updateMany({ where: { cluster, leaseHolder: holder }, data: { lastError: message.slice(0, 500) } }).catch(() => undefined);
    } finally {
      clearInterval(renew);
    }
  };
  const tick = () => {
    if (stopped) return;
    running = pass().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  timer = setTimeout(tick, 0);
  args.log.info({ cluster, holder, intervalMs, tenantIds: e.PITR_CAPTURE_TENANTS }, 'capture started');
  return {
    holder,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await releaseCaptureLease({ cluster, holder }).catch(() => undefined);
    },
  };
}
