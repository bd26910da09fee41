import { describe, expect, it } from 'vitest';
import { createRepository } from '../repo/repository';
import type { TTenant } from '../mongo/tenancy';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { createTestKit } from '../testing/test-kit';
import { captureOplog, type TCaptureOplogArgs } from './capture-oplog';
import { createMemoryPositionStore, type CapturePositionStore } from './capture-position';
import { computeCoverage } from './coverage';
import { createIdTenantMap } from './id-tenant-map';
import { listOplogSegments, readEntriesBetween, readOplogSegment } from './oplog-segment';
import { cutSegments } from './cut-segments';
import type { TPitrEntry } from './pitr-entry';

const tenants: TTenant[] = [
  { tenantId: 'acme', tenancy: { model: 'DATABASE', database: 'acme_db' } },
  { tenantId: 'initech', tenancy: { model: 'SHARED_FIELD', database: 'shared', tenantField: 'tenantId', tenantValue: 'initech' } },
  { tenantId: 'initrode', tenancy: { model: 'SHARED_FIELD', database: 'shared', tenantField: 'tenantId', tenantValue: 'initrode' } },
];

function world() {
  const mongo = createMemoryMongoEndpoint({ withOplog: true });
  mongo.insert('other', 'x', { _id: 0 }); // the oplog's first entry: capture starts at it
  const kit = createTestKit();
  const repos = new Map<string, Awaited<ReturnType<typeof createRepository>>>();
  const repoOf = async (tenantId: string) => {
    let r = repos.get(tenantId);
    if (!r) repos.set(tenantId, (r = await createRepository({ tenantId, ...kit })));
    return r;
  };
  const resolver = createIdTenantMap();
  const args = (positions: CapturePositionStore, extra: Partial<TCaptureOplogArgs> = {}): TCaptureOplogArgs => ({
    endpoint: mongo.endpoint,
    tenants,
    repoOf,
    positions,
    resolver,
    startAt: (1_700_000_000n << 32n) | 1n,
    ...extra,
  });
  /** writes one round: every tenant changes something */
  let n = 0;
  const write = () => {
    n++;
    mongo.insert('acme_db', 'orders', { _id: `a${n}`, n });
    if (n > 1) mongo.replace('acme_db', 'orders', { _id: `a${n - 1}`, n: -n });
    mongo.insert('shared', 'orders', { _id: `i${n}`, tenantId: 'initech', n });
    mongo.insert('shared', 'orders', { _id: `r${n}`, tenantId: 'initrode', n });
    if (n > 2) mongo.remove('shared', 'orders', `i${n - 2}`);
    mongo.tick();
  };
  const all = async (tenantId: string) => {
    const repo = await repoOf(tenantId);
    const out: TPitrEntry[] = [];
    for (const s of await listOplogSegments(repo)) out.push(...(await readOplogSegment(repo, s)));
    return out;
  };
  return { mongo, repoOf, resolver, args, write, all };
}

describe('captureOplog', () => {
  it('writes per-tenant segments that chain, with every entry of the tenant and none of another', async () => {
    const w = world();
    const positions = createMemoryPositionStore();
    for (let k = 0; k < 5; k++) {
      w.write();
      w.write();
      await captureOplog(w.args(positions));
    }
    w.mongo.tick(2);
    await captureOplog(w.args(positions));
    const acme = await w.all('acme');
    expect(acme.map((e) => e.op).join('')).toBe('i' + 'iu'.repeat(9));
    const initech = await w.all('initech');
    expect(initech.filter((e) => e.op === 'i')).toHaveLength(10);
    expect(initech.filter((e) => e.op === 'd')).toHaveLength(8);
    expect(initech.every((e) => e.doc === null || Buffer.from(e.doc).includes(Buffer.from('initech')))).toBe(true);
    const initrode = await w.all('initrode');
    expect(initrode).toHaveLength(10);
    const segs = await listOplogSegments(await w.repoOf('initech'));
    for (let k = 1; k < segs.length; k++) expect(segs[k]!.fromTs).toBe(segs[k - 1]!.toTs);
    const cov = computeCoverage({ segments: segs, bases: [], position: positions.current() });
    expect(cov.spans).toEqual([{ from: (1_700_000_000n << 32n) | 1n, to: positions.current()!.through }]);
  });

  it('crash between the segment writes and the position write: the rerun writes every entry exactly once', async () => {
    const w = world();
    const positions = createMemoryPositionStore();
    for (let k = 0; k < 3; k++) w.write();
    await captureOplog(w.args(positions));
    const before = positions.current();
    for (let k = 0; k < 3; k++) w.write();
    let crashes = 0;
    const crashing: CapturePositionStore = { load: positions.load, save: async () => void crashes++ /* killed before the position is durable */ };
    await captureOplog(w.args(crashing));
    expect(crashes).toBe(1);
    expect(positions.current()).toEqual(before);
    // also a crash half-way: the second tenant's repo write fails
    for (let k = 0; k < 2; k++) w.write();
    let calls = 0;
    await expect(
      captureOplog(
        w.args(positions, {
          repoOf: async (t) => {
            if (t === 'initrode' && calls++ === 0) throw new Error('killed');
            return w.repoOf(t);
          },
        }),
      ),
    ).rejects.toThrow('killed');
    w.write();
    w.mongo.tick(2);
    await captureOplog(w.args(positions));
    for (const t of tenants) {
      const got = await w.all(t.tenantId);
      const keys = got.map((e) => `${e.ts}/${e.op}/${e.idKey}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect([...got.map((e) => e.ts)].sort((a, b) => (a < b ? -1 : 1))).toEqual(got.map((e) => e.ts));
    }
    expect((await w.all('acme')).filter((e) => e.op === 'i')).toHaveLength(9);
    expect((await w.all('initrode')).filter((e) => e.op === 'i')).toHaveLength(9);
    expect((await w.all('initech')).filter((e) => e.op === 'd')).toHaveLength(7);
  });

  it('oplog rolled past the position: returns a gap for every tenant, restarts the chain, coverage shows the hole', async () => {
    const w = world();
    const positions = createMemoryPositionStore();
    w.write();
    await captureOplog(w.args(positions));
    w.write();
    w.write();
    w.mongo.dropOldestOplog(w.mongo.oplog.length - 2);
    w.mongo.tick(3);
    const r = await captureOplog(w.args(positions));
    expect(r.gap).toMatchObject({ reason: 'oplog-rolled-over', tenants: ['acme', 'initech', 'initrode'] });
    const segs = await listOplogSegments(await w.repoOf('initrode'));
    const cov = computeCoverage({ segments: segs, bases: [], position: positions.current(), recordedGaps: [{ from: r.gap!.afterTs, to: r.gap!.beforeTs }] });
    expect(cov.spans).toHaveLength(2);
    expect(cov.gaps).toHaveLength(1);
    expect(cov.gaps[0]!.from).toBeLessThan(cov.gaps[0]!.to);
  });

  it('a first run whose startAt the oplog no longer reaches reports a gap too', async () => {
    const w = world();
    w.write();
    w.mongo.dropOldestOplog(2);
    w.mongo.tick();
    const r = await captureOplog(w.args(createMemoryPositionStore()));
    expect(r.gap).toMatchObject({ afterTs: (1_700_000_000n << 32n) | 1n });
    expect(r.entriesCaptured).toBe(2);
  });

  it('a tenant that joins later: its segments start where it joined (tenantSince), never claiming the time before', async () => {
    const w = world();
    const positions = createMemoryPositionStore();
    const acmeOnly = tenants.filter((t) => t.tenantId === 'acme');
    w.write();
    await captureOplog(w.args(positions, { tenants: acmeOnly }));
    const joined = positions.current()!.through;
    w.write();
    w.mongo.tick(2);
    const r = await captureOplog(w.args(positions, { tenantSince: new Map([['initrode', joined]]) }));
    const segs = await listOplogSegments(await w.repoOf('initrode'));
    expect(segs.map((s) => s.fromTs)).toEqual([joined]);
    expect(r.segments.find((s) => s.tenantId === 'initrode')).toMatchObject({ entries: 1, firstTs: expect.any(BigInt) as bigint });
    expect(await w.all('initrode')).toHaveLength(1);
  });

  it('leaves the last settleSeconds for the next run and refuses an endpoint without an oplog', async () => {
    const w = world();
    const positions = createMemoryPositionStore();
    w.write();
    w.mongo.tick(-1); // now = the second of the writes
    const r = await captureOplog(w.args(positions));
    expect(r.entriesCaptured).toBe(0);
    w.mongo.tick(1);
    expect((await captureOplog(w.args(positions))).entriesCaptured).toBe(3);
    const bare = createMemoryMongoEndpoint();
    await expect(captureOplog(w.args(positions, { endpoint: bare.endpoint }))).rejects.toThrow(/no local.oplog.rs/);
  });

  it('cuts segments by seconds and by bytes, chained, each entry in exactly one', async () => {
    const e = (sec: number, inc: number, size: number): TPitrEntry => ({
      ts: (BigInt(sec) << 32n) | BigInt(inc),
      op: 'i',
      collection: 'c',
      idKey: '02',
      doc: new Uint8Array(size),
    });
    const entries = [e(10, 1, 10), e(10, 2, 10), e(12, 1, 10), e(15, 1, 10), e(15, 2, 4000), e(16, 1, 10)];
    const cuts = cutSegments(entries, 9n << 32n, 20n << 32n, { maxSeconds: 5, maxBytes: 1000 });
    expect(cuts.map((c) => c.entries.length)).toEqual([3, 1, 1, 1]); // 10s span → cut at 15; 4000 B alone; then the byte limit again
    expect(cuts[0]!.fromTs).toBe(9n << 32n);
    expect(cuts[1]!.fromTs).toBe(cuts[0]!.toTs);
    expect(cuts[3]!.toTs).toBe(20n << 32n);
    expect(cuts.flatMap((c) => c.entries)).toEqual(entries);
    const w = world();
    const repo = await w.repoOf('acme');
    expect(await readEntriesBetween(repo, [], 0n, 1n)).toEqual([]);
  });
});
