import { BSON, type Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { runSnapshot } from '../capture/run-snapshot';
import { isEngineError } from '../errors/engine-error';
import { idFromKey } from '../format/document-key';
import { streamCollection } from '../read/stream-collection';
import { createRepository } from '../repo/repository';
import type { TTenant } from '../mongo/tenancy';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { createTestKit, rng } from '../testing/test-kit';
import { captureOplog } from './capture-oplog';
import { createMemoryPositionStore } from './capture-position';
import { baseOfManifest, computeCoverage, planPoint } from './coverage';
import { documentHistory } from './document-history';
import { operationsPerMinute } from './operations-per-minute';
import { createIdTenantMap, seedFromSnapshot } from './id-tenant-map';
import { listOplogSegments, readOplogSegment, rangeOf } from './oplog-segment';
import { streamCollectionAt } from './stream-collection-at';

const SMALL = { targetPackBytes: 16 * 1024, frameBytes: 4 * 1024, entriesPerSegment: 64 };
const initech: TTenant = { tenantId: 'initech', tenancy: { model: 'SHARED_FIELD', database: 'shared', tenantField: 'tenantId', tenantValue: 'initech' } };
const initrode: TTenant = { tenantId: 'initrode', tenancy: { model: 'SHARED_FIELD', database: 'shared', tenantField: 'tenantId', tenantValue: 'initrode' } };

async function scenario() {
  const mongo = createMemoryMongoEndpoint({ withOplog: true });
  const kit = createTestKit();
  const rand = rng(7);
  // the writers' own log: full state of initech's documents after every second
  const live = new Map<string, Document>();
  const states: { sec: number; docs: Map<string, string> }[] = [];
  const put = (t: string, id: string, n: number) => {
    const d = { _id: id, tenantId: t, counter: n };
    if (t === 'initech') live.set(id, d);
    return d;
  };
  for (let i = 0; i < 30; i++) {
    mongo.insert('shared', 'counters', put('initech', `c${i}`, 0));
    mongo.insert('shared', 'counters', put('initrode', `r${i}`, 0));
  }
  mongo.tick(2);
  const { manifest } = await runSnapshot({ tenant: initech, endpoint: mongo.endpoint, ...kit, options: SMALL });
  const repo = await createRepository({ tenantId: 'initech', ...kit });
  const resolver = createIdTenantMap();
  await seedFromSnapshot(resolver, repo, manifest);
  const positions = createMemoryPositionStore();
  const base = baseOfManifest(manifest)!;
  const capture = () =>
    captureOplog({
      endpoint: mongo.endpoint,
      tenants: [initech, initrode],
      repoOf: async (t) => createRepository({ tenantId: t, ...kit }),
      positions,
      resolver,
      startAt: base.replayFrom,
      options: { maxSeconds: 3 },
    });
  const snap = () => new Map([...live].map(([k, v]) => [k, Buffer.from(BSON.serialize(v)).toString('hex')]));
  mongo.tick(2);
  let next = 30;
  for (let sec = 0; sec < 40; sec++) {
    for (let k = 0; k < 4; k++) {
      const r = rand();
      const ids = [...live.keys()];
      if (r < 0.6 && ids.length > 0) {
        const id = ids[Math.floor(rand() * ids.length)]!;
        const d = put('initech', id, (live.get(id)!.counter as number) + 1);
        mongo.replace('shared', 'counters', d);
      } else if (r < 0.8) mongo.insert('shared', 'counters', put('initech', `c${next++}`, 100));
      else if (ids.length > 0) {
        const id = ids[Math.floor(rand() * ids.length)]!;
        live.delete(id);
        mongo.remove('shared', 'counters', id);
      }
      mongo.replace('shared', 'counters', { _id: `r${k}`, tenantId: 'initrode', counter: sec });
    }
    states.push({ sec: Number((await mongo.endpoint.serverTime()).getTime() / 1000), docs: snap() });
    mongo.tick();
    if (sec % 5 === 4) await capture();
  }
  mongo.tick(2);
  await capture();
  const segments = await listOplogSegments(repo);
  return { mongo, kit, repo, manifest, base, positions, segments, states };
}

const stateAt = async (s: Awaited<ReturnType<typeof scenario>>, at: bigint) => {
  const coverage = computeCoverage({ segments: s.segments, bases: [s.base], position: s.positions.current() });
  const plan = planPoint(coverage, [s.base], at);
  const out = new Map<string, string>();
  for await (const d of streamCollectionAt({ repo: s.repo, plan, segments: s.segments, collection: 'counters' })) {
    const doc = BSON.deserialize(d.raw);
    expect(doc.tenantId).toBe('initech');
    out.set(String(doc._id), d.raw.toString('hex'));
  }
  return out;
};

describe('restore to a point in time', () => {
  it('20 random targets T: the state equals exactly the writes ≤ T from the writers’ own log', async () => {
    const s = await scenario();
    const rand = rng(99);
    for (let k = 0; k < 20; k++) {
      const target = s.states[Math.floor(rand() * s.states.length)]!;
      const got = await stateAt(s, (BigInt(target.sec) << 32n) | 0xffffffffn);
      expect(got).toEqual(target.docs);
    }
  });

  it('"just before entry k": a ts inside a second excludes the later entries of that second', async () => {
    const s = await scenario();
    const entries = (await Promise.all(s.segments.map((g) => readOplogSegment(s.repo, g)))).flat();
    const del = entries.find((e) => e.op === 'd')!;
    const before = await stateAt(s, del.ts - 1n);
    const after = await stateAt(s, del.ts);
    expect(before.size).toBe(after.size + 1);
  });

  it('the base snapshot’s stream and the state at its own point are the same documents', async () => {
    const s = await scenario();
    const atBase = await stateAt(s, s.base.consistentTs);
    const direct = new Map<string, string>();
    for await (const d of streamCollection({ repo: s.repo, snapshot: s.manifest, collection: 'counters' }))
      direct.set(String(BSON.deserialize(d.raw)._id), d.raw.toString('hex'));
    expect(atBase).toEqual(direct);
  });

  it('refuses points before the base, after the capture, and inside a recorded gap', async () => {
    const s = await scenario();
    const through = s.positions.current()!.through;
    const mid = (BigInt(s.states[20]!.sec) << 32n) | 0xffffffffn;
    const gap = { from: mid - (2n << 32n), to: mid + (2n << 32n) };
    const cov = computeCoverage({ segments: s.segments, bases: [s.base], position: s.positions.current(), recordedGaps: [gap] });
    for (const at of [s.base.consistentTs - (5n << 32n), through + (10n << 32n), mid]) {
      let code = '';
      try {
        planPoint(cov, [s.base], at);
      } catch (err) {
        code = isEngineError(err, 'PITR_NOT_COVERED') ? 'PITR_NOT_COVERED' : String(err);
      }
      expect(code).toBe('PITR_NOT_COVERED');
    }
    // before the gap still works; after the gap there is no base → refused (a new full snapshot is needed)
    expect(planPoint(cov, [s.base], gap.from).base.snapshotId).toBe(s.manifest.snapshotId);
    expect(cov.ranges).toHaveLength(1);
    expect(cov.gaps).toEqual([gap]);
  });

  it('document history: every version with its operation and changed fields', async () => {
    const s = await scenario();
    const entries = (await Promise.all(s.segments.map((g) => readOplogSegment(s.repo, g)))).flat();
    const target = entries.find((e) => e.op === 'd' && e.collection === 'counters')!;
    const idValue = idFromKey(target.idKey);
    const history = await documentHistory({ repo: s.repo, manifests: [s.manifest], segments: s.segments, collection: 'counters', id: idValue });
    const mine = entries.filter((e) => e.idKey === target.idKey);
    expect(history.filter((v) => v.source.kind === 'oplog')).toHaveLength(mine.length);
    expect(history[history.length - 1]!.raw).toBeNull();
    expect(history.map((v) => v.ts)).toEqual([...history.map((v) => v.ts)].sort((a, b) => (a < b ? -1 : 1)));
    const updates = history.filter((v) => v.source.kind === 'oplog' && v.source.op === 'u');
    for (const u of updates) expect(u.changedFields).toEqual(['counter']);
  });

  it('operations per minute add up to the captured entries of the collection', async () => {
    const s = await scenario();
    const entries = (await Promise.all(s.segments.map((g) => readOplogSegment(s.repo, g)))).flat();
    const buckets = await operationsPerMinute({ repo: s.repo, segments: s.segments, collection: 'counters', from: 0n, to: s.positions.current()!.through });
    expect(buckets.reduce((n, b) => n + b.inserts + b.updates + b.deletes, 0)).toBe(entries.length);
    expect(buckets.reduce((n, b) => n + b.deletes, 0)).toBe(entries.filter((e) => e.op === 'd').length);
    expect(buckets.length).toBeGreaterThan(0);
  });

  it('a segment renamed to another range, or moved to another tenant, is refused', async () => {
    const s = await scenario();
    const seg = s.segments[0]!;
    const bytes = await s.kit.store.get(seg.key);
    const renamed = seg.key.replace(rangeOf(seg.fromTs, seg.toTs), rangeOf(seg.fromTs, seg.toTs + 1n));
    await s.kit.store.put(renamed, bytes);
    await expect(readOplogSegment(s.repo, { ...seg, key: renamed, toTs: seg.toTs + 1n })).rejects.toMatchObject({
      code: 'WRONG_OBJECT_KEY',
      message: /bound to/,
    });
    const other = await createRepository({ tenantId: 'initrode', ...s.kit });
    await expect(readOplogSegment(other, seg)).rejects.toMatchObject({ code: 'WRONG_OBJECT_KEY' });
  });
});
