import { describe, expect, it } from 'vitest';
import {
  buildRestoreSpec,
  builderValuesFromSpec,
  documentIdLine,
  sameBuilderValues,
  ZRestoreBuilderInput,
  type TRestoreBuilderValues,
} from './restore-builder-input';

const values = (over: Record<string, unknown> = {}): TRestoreBuilderValues =>
  ZRestoreBuilderInput.parse({ snapshotId: 'snap1', targetMode: 'in-place', conflictPolicy: 'overwrite', ...over });
// What the catalog gives back: the package through jsonb (keys reordered by length, then bytes).
const viaJsonb = (spec: unknown): unknown => {
  const reorder = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(reorder)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
              .map((k) => [k, reorder((v as Record<string, unknown>)[k])]),
          )
        : v;
  return reorder(JSON.parse(JSON.stringify(spec)));
};
const shownOf = (v: TRestoreBuilderValues) => {
  const built = buildRestoreSpec('acme', v);
  if (!built.ok) throw new Error('not buildable');
  return builderValuesFromSpec(viaJsonb(built.spec))!;
};

describe('builder values ⇄ package (the builder reopened on a dry-run)', () => {
  const cases = [
    values(),
    values({ namespaces: ['customers', 'orders'], documentIds: '64b7f0c2a1b2c3d4e5f60718\n42\n"42"\nplain-id\n"64b7f0c2a1b2c3d4e5f60718"' }),
    values({ filter: '{"status": "cancelled", "total": {"$gt": 10}}', conflictPolicy: 'skip', deleteExtraneous: true }),
    values({ targetMode: 'side-namespace', suffix: '__check', conflictPolicy: 'fail' }),
  ];

  it('gives back values that make the same package, through the catalog and for every id kind', () => {
    for (const v of cases) {
      const shown = shownOf(v);
      expect(sameBuilderValues('acme', v, shown), JSON.stringify(v)).toBe(true);
      const again = buildRestoreSpec('acme', shown);
      const first = buildRestoreSpec('acme', v);
      expect(again.ok && first.ok && viaJsonb(again.spec)).toEqual(first.ok && viaJsonb(first.spec));
    }
    // ids keep their kind: 42 the number, "42" the string, a 24-hex text that is not an ObjectId
    expect(shownOf(cases[1]!).documentIds.split('\n')).toEqual(['64b7f0c2a1b2c3d4e5f60718', '42', '"42"', 'plain-id', '"64b7f0c2a1b2c3d4e5f60718"']);
    // the collections' order does not make another package
    expect(sameBuilderValues('acme', { ...cases[1]!, namespaces: ['orders', 'customers'] }, shownOf(cases[1]!))).toBe(true);
  });

  it('sees every change of the package, and none of mere formatting', () => {
    const base = cases[2]!;
    const shown = shownOf(base);
    expect(sameBuilderValues('acme', { ...base, filter: '{ "total": {"$gt": 10},\n "status": "cancelled" }' }, shown)).toBe(true);
    for (const change of [
      { snapshotId: 'snap2' },
      { namespaces: ['orders'] },
      { documentIds: '1' },
      { filter: '{"status": "open", "total": {"$gt": 10}}' },
      { filter: '' },
      { targetMode: 'side-namespace' as const },
      { conflictPolicy: 'overwrite' as const },
      { deleteExtraneous: false },
    ]) {
      expect(sameBuilderValues('acme', { ...base, ...change }, shown), JSON.stringify(change)).toBe(false);
    }
    // a form that is not even a package is never "the same"
    expect(sameBuilderValues('acme', { ...base, filter: '{not json' }, shown)).toBe(false);
  });

  it('cannot show what the form has no field for', () => {
    const spec = (over: Record<string, unknown>) => ({
      source: { snapshotId: 's' },
      selection: { namespaces: { include: ['*'], exclude: [] } },
      target: { mode: 'in-place' },
      conflictPolicy: 'skip',
      ...over,
    });
    expect(builderValuesFromSpec(spec({}))).not.toBeNull();
    expect(builderValuesFromSpec(spec({ source: { pointInTime: '2026-12-01T00:00:00Z' } }))).toBeNull();
    expect(builderValuesFromSpec(spec({ target: { mode: 'database', database: 'x' } }))).toBeNull();
    expect(builderValuesFromSpec(spec({ selection: { namespaces: { include: ['ord*'], exclude: [] } } }))).toBeNull();
    expect(builderValuesFromSpec(spec({ selection: { namespaces: { include: ['*'], exclude: ['logs'] } } }))).toBeNull();
    expect(builderValuesFromSpec(spec({ restoreIndexes: true }))).toBeNull();
    expect(builderValuesFromSpec(null)).toBeNull();
  });
});

describe("documentIdLine (a document viewer's _id → the builder)", () => {
  it('writes each id kind as the line that reads back as it, and refuses what a package cannot name', () => {
    expect(documentIdLine({ $oid: '64b7f0c2a1b2c3d4e5f60718' })).toBe('64b7f0c2a1b2c3d4e5f60718');
    expect(documentIdLine(42)).toBe('42');
    expect(documentIdLine('42')).toBe('"42"');
    expect(documentIdLine('c-1')).toBe('c-1');
    expect(documentIdLine({ $date: '2026-01-01T00:00:00Z' })).toBeNull();
    expect(documentIdLine(null)).toBeNull();
  });
});
