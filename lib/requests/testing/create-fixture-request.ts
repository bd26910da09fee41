// Test fixture: a submitted (PENDING_APPROVAL) restore request created through the DAL's catalog
// half, with a synthetic dry-run — for tests of approvals and authorization that do not need a
// snapshot. Risk comes from the counts exactly as for a real submission.
import { randomBytes } from 'node:crypto';
import { loadActor } from '@/lib/session/get-current-actor';
import type { TDryRunSummary } from '@/lib/restores/summarize-dry-run';
import { recordSubmittedRestoreRequest } from '../record-submitted-restore-request';

export async function createFixtureRequest(args: { requesterId: string; tenantId: string; database: string; risk?: 'LOW' | 'HIGH'; reason?: string }) {
  const actor = await loadActor(args.requesterId);
  if (!actor) throw new Error(`no active user ${args.requesterId}`);
  const requestId = `rrfx${randomBytes(10).toString('hex')}`;
  const high = args.risk === 'HIGH';
  const counts = { insert: 3, update: 1, delete: high ? 2 : 0, unchanged: 40, conflict: 0, conflictSkipped: 0 };
  const dryRun: TDryRunSummary = {
    restoreId: requestId,
    snapshotId: 'fixture-snapshot',
    planHash: randomBytes(32).toString('hex'),
    preStateFingerprint: randomBytes(16).toString('hex'),
    counts,
    collections: [{ name: 'orders', target: `${args.database}.orders`, counts, collection: {} as never }],
    changes: {
      page: 1,
      pageSize: 20,
      total: 1,
      items: [{ namespace: 'orders', idKey: 'o-1', id: 'o-1', action: 'update', diff: { status: ['cancelled', 'paid'], total: [-1, 42.5] } }],
    },
  };
  const spec = {
    version: 1,
    tenant: 'fixture',
    source: { snapshotId: 'fixture-snapshot' },
    selection: { namespaces: { include: ['orders'] } },
    target: { mode: 'in-place' },
    conflictPolicy: 'overwrite',
    deleteExtraneous: high,
  };
  return recordSubmittedRestoreRequest({
    actor,
    tenantId: args.tenantId,
    requestId,
    spec,
    reason: args.reason ?? 'restore orders lost in an import (ticket FX-1)',
    dryRun,
  });
}
