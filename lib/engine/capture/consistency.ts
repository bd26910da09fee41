import { idFromKey } from '../format/document-key';
import type { TConsistency } from '../format/manifest';
import type { Clock } from '../ports/clock';
import type { MongoEndpoint } from '../ports/mongo-endpoint';
import type { CollectionCapture } from './collection-capture';
import { formatTs, hasOplog, oldestOplogTs, tsAtOrAfter, tsAtOrBefore } from './oplog';
import { readTenantOplogWindow } from './read-oplog-window';
import { replayOplog } from './replay-oplog';

export type TScanStart = { from: bigint | null; oldest: bigint | null; startedAt: Date };

/** Before the scan: the oplog position the window starts after (null: no oplog here). */
export async function beginScan(endpoint: MongoEndpoint, clock: Clock, useOplog = true): Promise<TScanStart> {
  if (!useOplog || !(await hasOplog(endpoint))) return { from: null, oldest: null, startedAt: clock.now() };
  const oldest = await oldestOplogTs(endpoint);
  return { from: tsAtOrBefore(await endpoint.serverTime()), oldest, startedAt: clock.now() };
}

/**
 * After the scan: replay the window (from, to] so the snapshot is consistent as of `to`.
 * Falls back to 'scan-only' (recorded, never hidden) when there is no oplog or it rolled past
 * the window's start while we scanned.
 */
export async function completeScan(
  endpoint: MongoEndpoint,
  clock: Clock,
  start: TScanStart,
  captures: CollectionCapture[],
): Promise<{ consistency: TConsistency; consistentAt: string }> {
  const scanEndedAt = clock.now();
  const base = { scanStartedAt: start.startedAt.toISOString(), scanEndedAt: scanEndedAt.toISOString() };
  const scanOnly = (note: string) => ({
    consistency: { method: 'scan-only' as const, note, ...base },
    consistentAt: scanEndedAt.toISOString(),
  });
  if (start.from === null) {
    return scanOnly('no oplog window (no local.oplog.rs here, or disabled): each document is as of the moment the scan read it; not point-consistent');
  }
  const serverEnd = await endpoint.serverTime();
  const to = tsAtOrAfter(serverEnd);
  // The capped oplog dropped entries during the scan, possibly some of the window's.
  const oldest = await oldestOplogTs(endpoint);
  if (start.oldest !== null && oldest !== start.oldest && (oldest === null || oldest > start.from)) {
    return scanOnly(
      `oplog rolled over during the scan (oldest ${oldest === null ? 'none' : formatTs(oldest)} > window start ${formatTs(start.from)}): size it larger`,
    );
  }
  const windowStarted = Date.now();
  const ops = await readTenantOplogWindow(endpoint, {
    from: start.from,
    to,
    scopes: captures.map((c) => c.scope),
    knownIds: (scope) => [...(captures.find((c) => c.scope === scope)?.current.keys() ?? [])].map(idFromKey),
  });
  const windowMs = Date.now() - windowStarted;
  const replayed = await replayOplog(endpoint, ops, captures);
  const note =
    (replayed.refetched > 0
      ? `${replayed.refetched} diff-style updates were re-read after the window: those documents may be newer than consistentAt`
      : "scan, then the tenant's oplog entries of the scan window re-applied: consistent as of oplogTo") + ` (window read ${windowMs} ms)`;
  return {
    consistency: { method: 'oplog-window', note, ...base, oplogFrom: formatTs(start.from), oplogTo: formatTs(to), replayed },
    consistentAt: serverEnd.toISOString(),
  };
}
