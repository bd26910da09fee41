/** The package in words, for approvers: "restore 4 documents of orders, customers in place from snapshot …". */
export function describeRestoreSpec(
  spec: unknown,
  dryRun: { counts: { insert: number; update: number; delete: number }; collections: { name: string }[] } | null,
): string {
  const s = (spec ?? {}) as {
    source?: { snapshotId?: string };
    target?: { mode?: string; suffix?: string };
    conflictPolicy?: string;
    deleteExtraneous?: boolean;
    selection?: { documentIds?: unknown[]; filter?: unknown };
  };
  const names = dryRun?.collections.map((c) => c.name) ?? [];
  const c = dryRun?.counts;
  const docs = c ? c.insert + c.update + c.delete : null;
  const where =
    s.target?.mode === 'in-place'
      ? 'in place'
      : s.target?.mode === 'side-namespace'
        ? 'into side collections (live data untouched)'
        : `into ${s.target?.mode ?? 'an unknown target'}`;
  const what = docs === null ? 'documents' : `${docs.toLocaleString('en-US')} document${docs === 1 ? '' : 's'}`;
  const scope = [s.selection?.documentIds ? `${s.selection.documentIds.length} listed ids` : null, s.selection?.filter ? 'a filter' : null]
    .filter(Boolean)
    .join(' and ');
  return [
    `Restore ${what} of ${names.length ? names.join(', ') : 'the selected collections'} ${where}, from snapshot ${s.source?.snapshotId ?? '?'}`,
    scope ? `, selected by ${scope}` : '',
    `; conflicts: ${s.conflictPolicy ?? 'overwrite'}`,
    s.deleteExtraneous ? '; documents created since the snapshot are deleted' : '',
    '.',
  ].join('');
}
