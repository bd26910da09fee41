import type { TFieldChange } from '@/lib/snapshots/compare-documents';

/** Pretty JSON with the lines of changed top-level fields highlighted (tone by side). */
export function JsonView({ value, changes = [], side, label }: { value: unknown; changes?: TFieldChange[]; side?: 'live' | 'snapshot'; label: string }) {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  const changed = new Set(changes.map((c) => c.path.split('.')[0]));
  const tone = side === 'live' ? 'bg-red-50 text-red-900' : 'bg-emerald-50 text-emerald-900';
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-5 text-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
    >
      {text.split('\n').map((line, i) => {
        const m = /^ {2}"([^"]+)":/.exec(line);
        const isChanged = !!side && !!m && changed.has(m[1]!);
        return (
          <span key={i} className={`block ${isChanged ? `${tone} -mx-3 px-3` : ''}`} data-changed={isChanged || undefined}>
            {line}
          </span>
        );
      })}
    </pre>
  );
}

export function FieldChanges({ changes }: { changes: TFieldChange[] }) {
  if (changes.length === 0) return <p className="text-sm text-emerald-700">Identical: the live document equals the snapshot.</p>;
  const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[520px] text-xs" data-testid="field-changes">
        <thead>
          <tr className="text-left uppercase tracking-wide text-slate-500">
            <th className="pb-1 font-medium">Field</th>
            <th className="pb-1 font-medium">Change</th>
            <th className="pb-1 font-medium">Live now</th>
            <th className="pb-1 font-medium">In snapshot</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 font-mono">
          {changes.map((c, i) => (
            <tr key={`${c.path}-${i}`}>
              <td className="py-1 pr-3 text-slate-800">{c.path || '(document)'}</td>
              <td className="py-1 pr-3 font-sans text-slate-600">{c.kind === 'added' ? 'only in snapshot' : c.kind === 'removed' ? 'only live' : 'changed'}</td>
              <td className="max-w-[16rem] truncate py-1 pr-3 text-red-700" title={show(c.live)}>
                {show(c.live)}
              </td>
              <td className="max-w-[16rem] truncate py-1 text-emerald-700" title={show(c.snapshot)}>
                {show(c.snapshot)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
