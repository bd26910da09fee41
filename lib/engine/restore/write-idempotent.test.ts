import { describe, expect, it } from 'vitest';
import { createMemoryRestoreTarget } from './testing/memory-restore-target';
import { makeDoc } from './testing/restore-fixture';
import { DUPLICATE_KEY, writeIdempotent } from './write-idempotent';

const NS = { database: 'saas_shared', collection: 'orders' };
const TENANT = { field: 'tenantId', value: 'initech' };

describe('writeIdempotent', () => {
  it('retries inserts that meet a duplicate key as upserts: a replayed batch ends in the same state', async () => {
    const target = createMemoryRestoreTarget();
    const docs = [0, 1, 2].map((i) => makeDoc('initech', i));
    target.insert(NS, { ...docs[1]!, amount: -1 }); // half-applied earlier attempt, then changed
    const res = await writeIdempotent(
      target,
      NS,
      docs.map((document) => ({ op: 'insert' as const, document })),
      TENANT,
    );
    expect(res.errors).toEqual([]);
    expect(target.docs(NS).sort((a, b) => a.n - b.n)).toEqual(docs);
    const writes = target.calls.filter((c) => c.kind === 'write');
    expect(writes.map((w) => w.ops!.map((o) => o.op))).toEqual([['insert', 'insert', 'insert'], ['replace']]);
    expect(writes[1]!.ops![0]).toMatchObject({ filter: { _id: docs[1]!._id, tenantId: { $eq: 'initech' } } });
  });

  it("keeps the failure, at the original index, when the _id is another tenant's", async () => {
    const target = createMemoryRestoreTarget();
    const mine = makeDoc('initech', 7);
    target.insert(NS, { ...mine, tenantId: 'initrode' });
    const res = await writeIdempotent(
      target,
      NS,
      [
        { op: 'insert', document: makeDoc('initech', 6) },
        { op: 'insert', document: mine },
      ],
      TENANT,
    );
    expect(res.errors.map((e) => [e.index, e.code])).toEqual([[1, DUPLICATE_KEY]]);
    expect(target.docs(NS).find((d) => d.n === 7)?.tenantId).toBe('initrode');
  });
});
