'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { queueDryRunAction } from '@/app/(tenant)/t/[tenantSlug]/restores/new/actions';
import { completedSnapshotsQuery, snapshotDetailQuery } from '@/components/portal/tenant-queries';
import { formatCount, formatDateTime } from '@/lib/format';
import type { TBuilderField, TBuilderIssue, TRestoreBuilderValues } from '@/lib/restores/restore-builder-input';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { buttonClass, inputClass, LoadingRows } from '@/components/ui/query-states';
import type { TApprovalPolicy } from '@/lib/requests/approval-policy';
import { Fieldset, FieldErrors, issuesOfFieldErrors } from './builder-fields';
import { DryRunJob } from './dry-run-job';
import { useShownPackage } from './use-shown-package';

export function RestoreBuilder({
  slug,
  initialSnapshotId,
  initialJobId,
  initialValues,
  approvals,
}: {
  slug: string;
  initialSnapshotId: string | null;
  initialJobId: string | null;
  /** a package to start from: one document from the document viewer, or a request to edit and resubmit */
  initialValues: Partial<TRestoreBuilderValues> | null;
  approvals: TApprovalPolicy;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const snapshots = useQuery(completedSnapshotsQuery(slug));
  const [snapshotId, setSnapshotId] = useState(initialValues?.snapshotId ?? initialSnapshotId ?? '');
  const chosen = snapshotId || snapshots.data?.items[0]?.id || '';
  const detail = useQuery({ ...snapshotDetailQuery(slug, chosen), enabled: chosen !== '' });
  const [namespaces, setNamespaces] = useState<string[]>(initialValues?.namespaces ?? []);
  const [documentIds, setDocumentIds] = useState(initialValues?.documentIds ?? '');
  const [filter, setFilter] = useState(initialValues?.filter ?? '');
  const [targetMode, setTargetMode] = useState<'in-place' | 'side-namespace'>(initialValues?.targetMode ?? 'in-place');
  const [suffix, setSuffix] = useState(initialValues?.suffix ?? '');
  const [conflictPolicy, setConflictPolicy] = useState<'skip' | 'overwrite' | 'fail'>(initialValues?.conflictPolicy ?? 'overwrite');
  const [deleteExtraneous, setDeleteExtraneous] = useState(initialValues?.deleteExtraneous ?? false);
  const [jobId, setJobId] = useState<string | null>(initialJobId);
  const [issues, setIssues] = useState<TBuilderIssue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const values: TRestoreBuilderValues = { snapshotId: chosen, namespaces, documentIds, filter, targetMode, suffix, conflictPolicy, deleteExtraneous };

  const { stale } = useShownPackage({
    slug,
    jobId,
    initialJobId,
    values,
    restore: (v) => {
      setSnapshotId(v.snapshotId);
      setNamespaces(v.namespaces);
      setDocumentIds(v.documentIds);
      setFilter(v.filter);
      setTargetMode(v.targetMode);
      setSuffix(v.suffix);
      setConflictPolicy(v.conflictPolicy);
      setDeleteExtraneous(v.deleteExtraneous);
    },
  });

  const mutation = useMutation({
    mutationFn: () => queueDryRunAction(slug, values),
    onSuccess: (r) => {
      if (r.ok) {
        setIssues([]);
        setFormError(null);
        setJobId(r.data.jobId);
        router.replace(`${pathname}?job=${encodeURIComponent(r.data.jobId)}`, { scroll: false });
      } else {
        setIssues(issuesOfFieldErrors(r.fieldErrors));
        setFormError(r.message);
      }
    },
    onError: (e) => setFormError(e instanceof Error ? e.message : 'The dry-run could not be queued.'),
  });

  const issuesOf = (f: TBuilderField) => issues.filter((i) => i.field === f);
  const invalid = (f: TBuilderField) => (issuesOf(f).length > 0 ? true : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSnapshotId(chosen); // pinned: a newer snapshot appearing later does not change the package
    mutation.mutate();
  };
  const toggleNs = (name: string) => setNamespaces((ns) => (ns.includes(name) ? ns.filter((n) => n !== name) : [...ns, name]));

  if (snapshots.isPending) return <LoadingRows rows={6} label="Loading snapshots" />;
  if (snapshots.error)
    return (
      <p role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-700">
        Could not load snapshots: {snapshots.error.message}
      </p>
    );
  if (snapshots.data.items.length === 0)
    return <EmptyState title="No completed snapshot to restore from">Once a backup of this tenant completes, you can build a restore from it.</EmptyState>;

  return (
    <div className="grid gap-6 xl:grid-cols-5">
      <Card title="1 · Restore package" className="min-w-0 xl:col-span-2">
        <form onSubmit={submit} className="space-y-6" noValidate aria-describedby={formError ? 'builder-error' : undefined}>
          <Fieldset legend="Snapshot">
            <label htmlFor="snapshot" className="sr-only">
              Snapshot
            </label>
            <select
              id="snapshot"
              value={chosen}
              onChange={(e) => {
                setSnapshotId(e.target.value);
                setNamespaces([]);
              }}
              className={inputClass}
              aria-invalid={invalid('snapshotId')}
              aria-describedby="snapshot-errors"
            >
              {snapshots.data.items.map((s) => (
                <option key={s.id} value={s.id}>
                  #{s.seq} · {formatDateTime(s.startedAt)} · {s.kind === 'FULL' ? 'full' : 'incremental'} · {formatCount(s.documents)} docs
                </option>
              ))}
            </select>
            <FieldErrors id="snapshot-errors" issues={issuesOf('snapshotId')} />
          </Fieldset>

          <Fieldset legend="Collections" hint="None ticked restores every collection of the snapshot.">
            {detail.isPending && chosen ? <LoadingRows rows={2} label="Loading collections" /> : null}
            <div className="grid grid-cols-1 gap-1 sm:grid-cols-2" aria-describedby="ns-errors">
              {(detail.data?.collections ?? []).map((c) => (
                <label key={c.name} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
                  <input
                    type="checkbox"
                    checked={namespaces.includes(c.name)}
                    onChange={() => toggleNs(c.name)}
                    className="h-4 w-4 rounded border-slate-300 text-brand-600"
                  />
                  <span className="font-medium text-slate-800">{c.name}</span>
                  <span className="ml-auto text-xs text-slate-400">{formatCount(c.documents)}</span>
                </label>
              ))}
            </div>
            <FieldErrors id="ns-errors" issues={issuesOf('namespaces')} />
          </Fieldset>

          <Fieldset
            legend="Documents"
            hint="Optional. Ids one per line (24-hex ObjectIds, numbers, text or Extended JSON), a filter, or both: with both, only listed ids that also match the filter."
          >
            <label htmlFor="ids" className="text-xs font-medium text-slate-600">
              Document ids
            </label>
            <textarea
              id="ids"
              rows={4}
              value={documentIds}
              onChange={(e) => setDocumentIds(e.target.value)}
              className={`${inputClass} font-mono`}
              aria-invalid={invalid('documentIds')}
              aria-describedby="ids-errors"
              placeholder={'64b7f0c2a1b2c3d4e5f60718\n42'}
            />
            <FieldErrors id="ids-errors" issues={issuesOf('documentIds')} />
            <label htmlFor="filter" className="text-xs font-medium text-slate-600">
              Filter (MongoDB query, safe subset)
            </label>
            <textarea
              id="filter"
              rows={3}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              className={`${inputClass} font-mono`}
              aria-invalid={invalid('filter')}
              aria-describedby="filter-errors"
              placeholder='{"status": "cancelled"}'
            />
            <FieldErrors id="filter-errors" issues={issuesOf('filter')} />
          </Fieldset>

          <Fieldset legend="Target">
            <div className="space-y-1" role="radiogroup" aria-label="Target" aria-describedby="target-errors">
              <label className="flex items-start gap-2 text-sm">
                <input type="radio" name="target" checked={targetMode === 'in-place'} onChange={() => setTargetMode('in-place')} className="mt-0.5" />
                <span>
                  <span className="font-medium">In place</span>
                  <span className="block text-xs text-slate-500">Write back into the live collections.</span>
                </span>
              </label>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="target"
                  checked={targetMode === 'side-namespace'}
                  onChange={() => setTargetMode('side-namespace')}
                  className="mt-0.5"
                />
                <span>
                  <span className="font-medium">Side namespace</span>
                  <span className="block text-xs text-slate-500">Into copies next to them, e.g. orders__restore_…, to inspect first.</span>
                </span>
              </label>
            </div>
            {targetMode === 'side-namespace' ? (
              <>
                <label htmlFor="suffix" className="text-xs font-medium text-slate-600">
                  Suffix (optional)
                </label>
                <input
                  id="suffix"
                  value={suffix}
                  onChange={(e) => setSuffix(e.target.value)}
                  className={`${inputClass} font-mono`}
                  placeholder="__restore_check"
                  aria-invalid={invalid('target')}
                />
              </>
            ) : null}
            <FieldErrors id="target-errors" issues={issuesOf('target')} />
          </Fieldset>

          <Fieldset legend="When a live document differs">
            <div className="space-y-1" role="radiogroup" aria-label="Conflict policy">
              {(
                [
                  ['overwrite', 'Overwrite it with the snapshot'],
                  ['skip', 'Keep the live document (skip)'],
                  ['fail', 'Refuse the whole restore'],
                ] as const
              ).map(([v, label]) => (
                <label key={v} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="conflict" checked={conflictPolicy === v} onChange={() => setConflictPolicy(v)} />
                  {label}
                </label>
              ))}
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={deleteExtraneous}
                onChange={(e) => setDeleteExtraneous(e.target.checked)}
                className="h-4 w-4 rounded border-slate-300"
              />
              Delete live documents in the selection that the snapshot does not have
            </label>
            <FieldErrors id="conflict-errors" issues={issuesOf('conflictPolicy')} />
          </Fieldset>

          {formError ? (
            <p id="builder-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {formError}
            </p>
          ) : null}
          <FieldErrors id="form-errors" issues={issuesOf('form')} />
          <button type="submit" className={`${buttonClass.primary} w-full`} disabled={mutation.isPending}>
            {mutation.isPending ? 'Checking the package…' : 'Run dry-run'}
          </button>
        </form>
      </Card>
      <div className="min-w-0 space-y-6 xl:col-span-3">
        {jobId ? (
          <DryRunJob key={jobId} slug={slug} jobId={jobId} stale={stale} approvals={approvals} />
        ) : (
          <Card title="2 · Dry-run">
            <EmptyState title="No dry-run yet">
              Choose what to restore and run a dry-run: you will see exactly which documents would be inserted, updated or deleted, before anything is written.
            </EmptyState>
          </Card>
        )}
      </div>
    </div>
  );
}
