import { describe, expect, it } from 'vitest';
import { buildRestoreSpec, fieldOfIssuePath, parseIdLine, ZRestoreBuilderInput } from './restore-builder-input';

const input = (over: Record<string, unknown> = {}) =>
  ZRestoreBuilderInput.parse({ snapshotId: 'snap1', targetMode: 'in-place', conflictPolicy: 'overwrite', ...over });

describe('restore builder → package', () => {
  it('builds an in-place package with all collections by default', () => {
    const r = buildRestoreSpec('acme', input());
    expect(r).toEqual({
      ok: true,
      spec: {
        version: 1,
        tenant: 'acme',
        source: { snapshotId: 'snap1' },
        selection: { namespaces: { include: ['*'], exclude: [] } },
        target: { mode: 'in-place' },
        conflictPolicy: 'overwrite',
        deleteExtraneous: false,
      },
    });
  });

  it('parses ids per line: ObjectId hex, numbers, JSON, text', () => {
    const r = buildRestoreSpec('acme', input({ documentIds: '64b7f0c2a1b2c3d4e5f60718\n 42 \n\n"x y"\nplain-id', namespaces: ['orders'] }));
    expect(r.ok && (r.spec.selection as { documentIds: unknown[] }).documentIds).toEqual([{ $oid: '64b7f0c2a1b2c3d4e5f60718' }, 42, 'x y', 'plain-id']);
    expect(parseIdLine('{"$oid":"64b7f0c2a1b2c3d4e5f60718"}')).toEqual({ $oid: '64b7f0c2a1b2c3d4e5f60718' });
  });

  it('reports a filter that is not JSON against the filter field', () => {
    const r = buildRestoreSpec('acme', input({ filter: '{status: open}' }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]!.field).toBe('filter');
  });

  it('side namespace with a suffix', () => {
    const r = buildRestoreSpec('acme', input({ targetMode: 'side-namespace', suffix: '__check' }));
    expect(r.ok && r.spec.target).toEqual({ mode: 'side-namespace', suffix: '__check' });
  });

  it('maps engine issue paths to form fields', () => {
    expect(fieldOfIssuePath(['selection', 'filter', '$where'])).toBe('filter');
    expect(fieldOfIssuePath(['selection', 'documentIds', 3])).toBe('documentIds');
    expect(fieldOfIssuePath(['selection', 'namespaces', 'include', 0])).toBe('namespaces');
    expect(fieldOfIssuePath(['source', 'snapshotId'])).toBe('snapshotId');
    expect(fieldOfIssuePath(['target', 'suffix'])).toBe('target');
    expect(fieldOfIssuePath(['tenant'])).toBe('form');
  });
});

import { toJobProgress } from './get-tenant-job';

describe('job progress as the worker writes it', () => {
  it('keeps the numeric fields and named collections, drops the rest', () => {
    expect(
      toJobProgress({
        documents: 5,
        totalDocuments: 10,
        bytes: 100,
        etaSeconds: 3,
        phase: 'diff',
        secret: 'x',
        collections: [{ name: 'orders', documents: 5, totalDocuments: 10 }, { documents: 1 }, 'junk'],
      }),
    ).toEqual({
      documents: 5,
      totalDocuments: 10,
      bytes: 100,
      totalBytes: undefined,
      etaSeconds: 3,
      phase: 'diff',
      collections: [{ name: 'orders', documents: 5, totalDocuments: 10, bytes: undefined }],
    });
    expect(toJobProgress(null)).toBeNull();
    expect(toJobProgress({ documents: 'many' })?.documents).toBeUndefined();
  });
});

describe("job progress in the engine's nested shape (restore heartbeat)", () => {
  it('flattens documents/bytes pairs, the collections record and etaMs', () => {
    const p = toJobProgress({
      phase: 'write',
      documents: { done: 3, total: 4 },
      bytes: { done: 300, total: 400 },
      collections: { orders: { done: 3, total: 3 }, customers: { done: 0, total: 1 } },
      elapsedMs: 10,
      etaMs: 2500,
    });
    expect(p).toEqual({
      documents: 3,
      totalDocuments: 4,
      bytes: 300,
      totalBytes: 400,
      etaSeconds: 2.5,
      phase: 'write',
      collections: [
        { name: 'orders', documents: 3, totalDocuments: 3 },
        { name: 'customers', documents: 0, totalDocuments: 1 },
      ],
    });
    expect(toJobProgress({ documents: { done: 1, total: null }, etaMs: null })).toMatchObject({
      documents: 1,
      totalDocuments: undefined,
      etaSeconds: undefined,
    });
  });
});
