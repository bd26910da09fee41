'use server';
import { createAction } from '@/lib/actions/create-action';
import { InputError } from '@/lib/errors';
import { queueRestoreDryRun } from '@/lib/restores/queue-restore-dry-run';
import { ZRestoreBuilderInput, type TBuilderIssue, type TRestoreBuilderInput } from '@/lib/restores/restore-builder-input';

/** The package's problems as field errors: one line per problem, under the builder field it belongs to. */
function packageError(issues: TBuilderIssue[]): InputError {
  const byField = new Map<string, string[]>();
  for (const i of issues) byField.set(i.field, [...(byField.get(i.field) ?? []), `${i.path}: ${i.message}`]);
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  return new InputError(
    [...byField].map(([field, lines]) => ({ path: [field], message: lines.join('\n') })),
    `The package has ${count}; see the fields marked below.`,
  );
}

const queueDryRun = createAction({
  name: 'queueDryRunAction',
  scope: { tenant: 'restores.request' },
  input: ZRestoreBuilderInput,
  run: async ({ actor, tenant, input }) => {
    const queued = await queueRestoreDryRun({ actor, slug: tenant.slug, input });
    if (!queued.ok) throw packageError(queued.issues);
    return { jobId: queued.jobId };
  },
});

/** Validate the package built in the portal against the snapshot and queue its dry-run. */
export async function queueDryRunAction(tenantSlug: string, input: TRestoreBuilderInput) {
  return queueDryRun({ ...input, tenantSlug });
}
