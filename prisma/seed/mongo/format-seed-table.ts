import type { TSeedMongoResult } from './seed-mongo';

/** The per-slice table printed after a seed: counts, what was done, timing. */
export function formatSeedTable(r: TSeedMongoResult): string {
  const head = ['tenant', 'model', 'database', 'collection', 'docs', 'action', 'seconds', 'docs/s'];
  const body = r.rows.map((x) => [
    x.tenant,
    x.model,
    x.database,
    x.collection,
    String(x.count),
    x.action,
    (x.ms / 1000).toFixed(2),
    x.action === 'seeded' ? String(Math.round(x.inserted / (x.ms / 1000))) : '-',
  ]);
  const foot = [
    'TOTAL',
    '',
    '',
    `${r.rows.length} slices`,
    String(r.total),
    `${r.rows.filter((x) => x.action === 'seeded').length} seeded`,
    (r.ms / 1000).toFixed(2),
    r.inserted ? String(Math.round(r.inserted / (r.insertMs / 1000))) : '-',
  ];
  const all = [head, ...body, foot];
  const widths = head.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const numeric = new Set([4, 6, 7]);
  const line = (row: string[]) => row.map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(head), rule, ...body.map(line), rule, line(foot)].join('\n');
}
