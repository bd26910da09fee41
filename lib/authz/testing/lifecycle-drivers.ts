// Matrix drivers of the platform's lifecycle actions (kept apart from authz-drivers.ts for size).
import { db } from '@/lib/db';
import { action, tenantOf, type TDriver } from './authz-drivers';

export const LIFECYCLE_DRIVERS: Record<string, TDriver> = {
  // A fixture GC job of the object's tenant is queued first, so an allowed call is refused with
  // CONFLICT past authorization: no retention pass runs and no second GC is queued. The test's
  // afterAll removes the fixture jobs.
  'action app/(admin)/admin/retention/actions.ts#startTenantCleanupAction': action(async (o, ctx) => {
    if (o === 'none') return { tenantId: 'tenant-does-not-exist' };
    const t = tenantOf(o, ctx);
    const queued = await db.job.findFirst({ where: { tenantId: t.id, type: 'GC', status: 'QUEUED' }, select: { id: true } });
    if (!queued)
      await db.job.create({ data: { tenantId: t.id, type: 'GC', status: 'QUEUED', payload: { matrix: true }, error: 'authorization matrix fixture' } });
    return { tenantId: t.id };
  }),
};
