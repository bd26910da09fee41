import { z } from 'zod';
import { createRoute } from '@/lib/actions/create-route';
import { previewRetention } from '@/lib/retention-view/preview-retention';

// The policy page asks this as the admin edits: `overrides` is the proposed overrides as JSON
// (the page parses its form or its raw JSON/YAML text with the same functions the save uses).
const ZPreviewInput = z.object({
  overrides: z
    .string()
    .max(64_000, { error: 'at most 64000 characters' })
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'overrides must be JSON' });
        return z.NEVER;
      }
    }),
});

export const GET = createRoute({
  name: 'GET /api/tenants/[tenantSlug]/policy/preview',
  scope: { tenant: 'tenant.read' },
  input: ZPreviewInput,
  run: ({ actor, tenant, input }) => previewRetention({ actor, tenantId: tenant.id, overrides: input.overrides }),
});
