'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { tenantJobQuery } from '@/components/portal/tenant-queries';
import { sameBuilderValues, type TRestoreBuilderValues } from '@/lib/restores/restore-builder-input';

/**
 * The dry-run shown beside the builder and its package. Reopened on a dry-run (?job=…), the form
 * takes that package, once (`restore`); afterwards any change that makes another package makes
 * the shown result `stale` (no request can be made from it).
 */
export function useShownPackage(args: {
  slug: string;
  jobId: string | null;
  initialJobId: string | null;
  values: TRestoreBuilderValues;
  restore: (v: TRestoreBuilderValues) => void;
}): { stale: boolean } {
  const { slug, jobId, initialJobId, values } = args;
  const shownJob = useQuery({ ...tenantJobQuery(slug, jobId ?? ''), enabled: jobId !== null });
  const shown = shownJob.data?.package ?? null;
  const [restoredFor, setRestoredFor] = useState<string | null>(null);
  if (initialJobId && jobId === initialJobId && shown && restoredFor !== initialJobId) {
    setRestoredFor(initialJobId);
    args.restore(shown);
  }
  const restoring = initialJobId !== null && jobId === initialJobId && restoredFor !== initialJobId && shownJob.isPending;
  return { stale: shown !== null && !restoring && !sameBuilderValues(slug, values, shown) };
}
