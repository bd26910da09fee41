import { z } from 'zod';
import { createRoute } from '@/lib/actions/create-route';
import { exportAuditEvents } from '@/lib/audit/export-audit-events';

const ZExportQuery = z.object({
  format: z.enum(['csv', 'jsonl'], { message: 'format must be csv or jsonl.' }).default('csv'),
  tenant: z.string().max(100).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});

/**
 * GET /api/audit/export?format=csv|jsonl&tenant=<slug>&from=<date>&to=<date>
 * Platform auditors (audit.read.all) may export any tenant or everything; a tenant admin only
 * their own tenant (tenant required). The scope depends on the filter, so the DAL authorizes it.
 */
export const GET = createRoute({
  name: 'GET /api/audit/export',
  scope: { signedIn: true },
  input: ZExportQuery,
  run: ({ actor, input: { format, ...filter }, origin }) => exportAuditEvents({ actor, filter, format, origin }),
  respond: (out) =>
    new Response(out.stream, {
      headers: { 'content-type': out.contentType, 'content-disposition': `attachment; filename="${out.filename}"`, 'cache-control': 'no-store' },
    }),
});
