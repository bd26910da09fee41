import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { db, type Prisma } from '@/lib/db';
import { isEngineError, parseRestoreSpec } from '@/lib/engine';
import { formatIssuePath } from '@/lib/engine/filter/filter-issue';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import { loadManifestCached, openReadOnlyRepository } from '@/lib/vault/shared-engine-context';
import { buildRestoreSpec, fieldOfIssuePath, ZRestoreBuilderInput, type TBuilderIssue } from './restore-builder-input';
import { newRestoreId } from './new-restore-id';
import { resolveRestoreScope } from './resolve-restore-scope';

export type TQueueDryRunResult = { ok: true; jobId: string } | { ok: false; issues: TBuilderIssue[] };

/**
 * Validates a restore package built in the portal against the tenant's scope and the chosen
 * snapshot (the engine's parser: namespaces, ids, the filter's safe subset, target), then queues
 * a DRY_RUN job for the worker. Invalid input returns issues per form field and writes nothing.
 */
export async function queueRestoreDryRun(args: { actor: TActor; slug: string; input: unknown }): Promise<TQueueDryRunResult> {
  const tenant = await getTenantForActorOrThrow({ actor: args.actor, slug: args.slug, permission: 'restores.request' });
  assertCan(args.actor, 'restores.request', tenant.id);
  const input = ZRestoreBuilderInput.safeParse(args.input);
  if (!input.success) {
    return {
      ok: false,
      issues: input.error.issues.map((i) => ({
        field: fieldOfIssuePath(
          i.path[0] === 'snapshotId'
            ? ['source']
            : i.path[0] === 'namespaces'
              ? ['selection', 'namespaces']
              : i.path[0] === 'documentIds'
                ? ['selection', 'documentIds']
                : i.path[0] === 'filter'
                  ? ['selection', 'filter']
                  : [String(i.path[0] ?? '')],
        ),
        path: i.path.join('.'),
        message: i.message,
      })),
    };
  }
  const built = buildRestoreSpec(tenant.slug, input.data);
  if (!built.ok) return built;

  const snapshot = await db.snapshot.findFirst({ where: { tenantId: tenant.id, id: input.data.snapshotId }, select: { id: true, status: true } });
  if (!snapshot) return { ok: false, issues: [{ field: 'snapshotId', path: '$.source.snapshotId', message: 'no such snapshot of this tenant' }] };
  if (snapshot.status !== 'COMPLETED')
    return {
      ok: false,
      issues: [{ field: 'snapshotId', path: '$.source.snapshotId', message: `the snapshot is ${snapshot.status.toLowerCase()}, not completed` }],
    };

  let parsedSpec: unknown;
  try {
    const { ctx, repo } = await openReadOnlyRepository(tenant.id);
    const manifest = await loadManifestCached(repo, tenant.id, snapshot.id);
    const scope = await resolveRestoreScope({ endpoint: ctx.endpoint, tenant, manifest });
    const parsed = parseRestoreSpec(built.spec, { tenant: scope });
    if (!parsed.ok) {
      return { ok: false, issues: parsed.issues.map((i) => ({ field: fieldOfIssuePath(i.path), path: formatIssuePath(i.path), message: i.message })) };
    }
    const inSnapshot = new Set(manifest.collections.map((c) => c.name));
    const missing = parsed.value.spec.selection.namespaces.include.filter((p) => !p.includes('*') && !inSnapshot.has(p));
    if (missing.length > 0)
      return {
        ok: false,
        issues: [{ field: 'namespaces', path: '$.selection.namespaces.include', message: `the snapshot has no collection ${missing.join(', ')}` }],
      };
    if (!parsed.value.namespaces.some((n) => inSnapshot.has(n)))
      return { ok: false, issues: [{ field: 'namespaces', path: '$.selection.namespaces', message: 'the selection matches no collection of this snapshot' }] };
    parsedSpec = parsed.value.spec;
  } catch (e) {
    if (isEngineError(e)) throw new AppError('SERVICE_UNAVAILABLE', `The snapshot could not be read (${e.code}).`);
    throw e;
  }

  const job = await db.$transaction(async (tx) => {
    // Planned for a fresh restore id: a request submitted from this dry-run takes it as its id.
    const created = await enqueueJob(tx, {
      tenantId: tenant.id,
      type: 'DRY_RUN',
      payload: { spec: parsedSpec, restoreId: newRestoreId() } as Prisma.InputJsonValue,
      createdById: args.actor.userId,
      message: 'dry-run requested in the portal',
    });
    await appendAudit(tx, {
      action: AUDIT_ACTIONS.dryRunQueued,
      actorUserId: args.actor.userId,
      actorEmail: args.actor.email,
      tenantId: tenant.id,
      targetType: 'job',
      targetId: created.id,
      metadata: { snapshotId: snapshot.id },
    });
    return created;
  });
  return { ok: true, jobId: job.id };
}
