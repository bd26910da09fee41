// A jsondiffpatch delta (live → snapshot) as rows of path / now / after the restore.
type TRow = { path: string; before?: unknown; after?: unknown; kind: 'changed' | 'added' | 'removed' };

function flatten(delta: unknown, path: string, out: TRow[]): void {
  if (Array.isArray(delta)) {
    if (delta.length === 1) out.push({ path, after: delta[0], kind: 'added' });
    else if (delta.length === 2) out.push({ path, before: delta[0], after: delta[1], kind: 'changed' });
    else if (delta.length === 3 && delta[1] === 0 && delta[2] === 0) out.push({ path, before: delta[0], kind: 'removed' });
    else out.push({ path, after: '(text diff)', kind: 'changed' });
    return;
  }
  if (delta && typeof delta === 'object') {
    for (const [k, v] of Object.entries(delta as Record<string, unknown>)) {
      if (k === '_t') continue;
      const key = k.startsWith('_') && /^_\d+$/.test(k) ? `[${k.slice(1)}]` : /^\d+$/.test(k) ? `[${k}]` : k;
      flatten(v, path ? (key.startsWith('[') ? `${path}${key}` : `${path}.${key}`) : key, out);
    }
  }
}

const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

export function JsonDelta({ delta }: { delta: unknown }) {
  const rows: TRow[] = [];
  flatten(delta, '', rows);
  if (rows.length === 0) return <p className="text-sm text-slate-500">No field-level changes.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed text-left text-xs">
        <thead className="text-slate-500">
          <tr>
            <th className="w-1/4 py-1 font-medium">Field</th>
            <th className="py-1 font-medium">Now (live)</th>
            <th className="py-1 font-medium">After the restore</th>
          </tr>
        </thead>
        <tbody className="font-mono">
          {rows.map((r) => (
            <tr key={r.path} className="border-t border-slate-100 align-top">
              <td className="break-all py-1 pr-2 text-slate-700">{r.path}</td>
              <td className="break-all py-1 pr-2">
                <span className={r.kind === 'added' ? 'text-slate-400' : 'rounded bg-red-50 px-1 text-red-700'}>
                  {r.kind === 'added' ? '(absent)' : show(r.before)}
                </span>
              </td>
              <td className="break-all py-1">
                <span className={r.kind === 'removed' ? 'text-slate-400' : 'rounded bg-emerald-50 px-1 text-emerald-700'}>
                  {r.kind === 'removed' ? '(absent)' : show(r.after)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
