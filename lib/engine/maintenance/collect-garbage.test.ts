import { describe, expect, it } from 'vitest';
import { isEngineError } from '../errors/engine-error';
import { manifestKey, packKey, tenantRoot } from '../format/layout';
import { createManualClock } from '../ports/clock';
import type { ObjectStore } from '../ports/object-store';
import { createRepository } from '../repo/repository';
import { createMemoryObjectStore } from '../stores/memory-object-store';
import { verifySnapshot } from '../verify/verify-snapshot';
import { collectGarbage } from './collect-garbage';
import { gcStatePrefix } from './gc-state';
import { buildHistory, objectsOf, readBack, SMALL } from './testing/gc-fixture';

const HOUR = 3_600_000;
const GRACE = 24 * HOUR;

async function setup() {
  const store = createMemoryObjectStore({ pageSize: 7 });
  const h = await buildHistory({ store, tenantId: 'acme', seed: 11 });
  const [s1, s2, s3, s4, s5] = h.ids as [string, string, string, string, string];
  const clock = createManualClock(new Date('2026-12-01T00:00:00Z'));
  return { store, ...h, s1, s2, s3, s4, s5, clock };
}

const stateKeys = (store: { objects: Map<string, Buffer> }, tenantKey: string) =>
  [...store.objects.keys()].filter((k) => k.startsWith(gcStatePrefix(tenantKey)));

describe('collectGarbage', () => {
  it('deletes only what no kept snapshot needs, after the grace period across runs; kept snapshots verify and read back', async () => {
    const { store, repo, history, s1, s2, s3, s4, s5, clock } = await setup();
    const kept = [s2, s4, s5];
    const expired = [s1, s3];
    const need = new Set<string>();
    for (const h of history.filter((x) => kept.includes(x.manifest.snapshotId))) for (const k of await objectsOf(repo, h.manifest)) need.add(k);
    const s1Objects = await objectsOf(repo, history[0]!.manifest);
    const shared = [...s1Objects].filter((k) => need.has(k));
    expect(shared.some((k) => k.includes('/packs/'))).toBe(true); // s2 (kept) still points into s1's packs
    const before = new Map(store.objects);
    const root = tenantRoot(repo.tenant.tenantKey);
    const garbage = [...before.keys()].filter((k) => k.startsWith(root) && !need.has(k));
    expect(garbage.length).toBeGreaterThan(5);

    const args = { repo, keptSnapshotIds: kept, expiredSnapshotIds: expired, graceMs: GRACE, clock };
    const r1 = await collectGarbage(args);
    expect(r1.deleted.objects).toBe(0);
    expect(r1.candidates.objects).toBe(garbage.length);
    expect(r1.newCandidates).toBe(garbage.length);
    expect(r1.waiting).toEqual(r1.candidates);
    expect(r1.referenced.objects).toBe(need.size);
    expect(r1.scanned.objects).toBe(before.size - 1); // everything but keys/<t>/kek
    expect(r1.unknownSnapshots).toEqual([]);

    clock.advance(GRACE - 1);
    const r2 = await collectGarbage(args);
    expect(r2.deleted.objects).toBe(0);
    expect(r2.newCandidates).toBe(0);
    expect(stateKeys(store, repo.tenant.tenantKey)).toEqual([r2.stateKey]);

    clock.advance(1);
    const r3 = await collectGarbage(args);
    expect(r3.deleted.objects).toBe(garbage.length);
    expect(r3.deletedKeys.sort()).toEqual(garbage.sort());
    expect(r3.bytesFreed).toBe(garbage.reduce((n, k) => n + before.get(k)!.length, 0));
    expect(r3.bytesFreed).toBe(r3.candidates.bytes);
    expect(store.objects.has(manifestKey(repo.tenant.tenantKey, s1))).toBe(false);
    for (const k of need) expect(store.objects.get(k)?.equals(before.get(k)!), k).toBe(true);

    for (const h of history.filter((x) => kept.includes(x.manifest.snapshotId))) {
      const report = await verifySnapshot({ repo, snapshotId: h.manifest.snapshotId, level: 'read-data' });
      expect(report.problems).toEqual([]);
      expect(report.checked.packs).toBeGreaterThan(0);
      expect(await readBack(repo, h.manifest)).toEqual(h.expected);
    }
    const gone = await verifySnapshot({ repo, snapshotId: s1, level: 'structural' });
    expect(gone.problems.map((p) => p.code)).toEqual(['SNAPSHOT_NOT_FOUND']);

    clock.advance(GRACE);
    const r4 = await collectGarbage(args);
    expect([r4.candidates.objects, r4.deleted.objects]).toEqual([0, 0]);
  });

  it('aborts naming the missing object and deletes nothing when a referenced object is missing', async () => {
    const { store, repo, history, s2, s4, s5, s1, s3, clock } = await setup();
    const args = { repo, keptSnapshotIds: [s2, s4, s5], expiredSnapshotIds: [s1, s3], graceMs: GRACE, clock };
    await collectGarbage(args);
    clock.advance(GRACE);
    const inS4 = await objectsOf(repo, history[3]!.manifest);
    const pack = [...(await objectsOf(repo, history[4]!.manifest))].find((k) => k.includes('/packs/') && !inS4.has(k))!;
    const packBytes = store.objects.get(pack)!;
    store.objects.delete(pack);
    const before = new Map(store.objects);
    const err = await collectGarbage(args).catch((e: unknown) => e);
    expect(isEngineError(err, 'OBJECT_MISSING')).toBe(true);
    expect((err as Error).message).toContain(`${pack} (needed by snapshot ${s5}) is missing`);
    expect((err as { details: { objectKey: string } }).details.objectKey).toBe(pack);
    expect([...store.objects.keys()].sort()).toEqual([...before.keys()].sort());

    store.objects.set(pack, packBytes);
    const noManifest = await collectGarbage({ ...args, keptSnapshotIds: [s2, s4, s5, '20270101T000000000Z-00000009-deadbeef'] }).catch((e: unknown) => e);
    expect(isEngineError(noManifest, 'OBJECT_MISSING')).toBe(true);
    expect((noManifest as Error).message).toContain('snapshots/20270101T000000000Z-00000009-deadbeef');
    expect(store.objects.size).toBe(before.size + 1);
    expect((await collectGarbage(args)).deleted.objects).toBeGreaterThan(0); // with the object back, GC proceeds
  });

  it('aborts with nothing deleted when a root cannot be read or authenticated (kept segment, unknown manifest)', async () => {
    const { store, repo, history, s1, s2, s3, s4, s5, clock } = await setup();
    const args = { repo, keptSnapshotIds: [s4, s5], expiredSnapshotIds: [s1, s2], graceMs: 0, clock };
    await collectGarbage({ ...args, expiredSnapshotIds: [s1, s2, s3] });
    clock.advance(1);
    const segment = [...(await objectsOf(repo, history[4]!.manifest))].find((k) => k.includes('/index/'))!;
    const original = store.objects.get(segment)!;
    const flipped = Buffer.from(original);
    flipped[flipped.length >> 1]! ^= 0x01;
    store.objects.set(segment, flipped);
    const before = [...store.objects.keys()].sort();
    const e1 = await collectGarbage({ ...args, expiredSnapshotIds: [s1, s2, s3] }).catch((e: unknown) => e);
    expect(isEngineError(e1, 'INTEGRITY_MISMATCH')).toBe(true);
    expect((e1 as Error).message).toContain(`GC aborted, nothing deleted: cannot read ${segment}`);
    expect([...store.objects.keys()].sort()).toEqual(before);
    store.objects.set(segment, original);
    // s3 is neither kept nor expired: it is a root, so a damaged s3 manifest also stops GC.
    const m3 = manifestKey(repo.tenant.tenantKey, s3);
    const bad3 = Buffer.from(store.objects.get(m3)!);
    bad3[bad3.length - 1]! ^= 0x01;
    store.objects.set(m3, bad3);
    const e2 = await collectGarbage(args).catch((e: unknown) => e);
    expect(isEngineError(e2, 'INTEGRITY_MISMATCH')).toBe(true);
    expect((e2 as Error).message).toContain(`cannot read ${m3} (snapshot ${s3})`);
    expect([...store.objects.keys()].sort()).toEqual(before);
  });

  it('keeps manifests the catalog does not know (reported), writes nothing in a dry run, and refuses bad input', async () => {
    const { store, repo, s1, s2, s3, s4, s5, clock } = await setup();
    const before = new Map(store.objects);
    const dry = await collectGarbage({ repo, keptSnapshotIds: [s5], expiredSnapshotIds: [s1, s2], graceMs: 0, clock, dryRun: true });
    expect(dry.unknownSnapshots).toEqual([s3, s4]);
    expect(dry.stateKey).toBeNull();
    expect(dry.candidates.objects).toBeGreaterThan(0);
    expect(store.objects.size).toBe(before.size);

    const args = { repo, keptSnapshotIds: [s5], expiredSnapshotIds: [s1, s2], graceMs: 0, clock };
    await collectGarbage(args);
    clock.advance(1);
    const r = await collectGarbage(args);
    expect(r.deleted.objects).toBeGreaterThan(0);
    for (const id of [s3, s4, s5]) expect((await verifySnapshot({ repo, snapshotId: id, level: 'structural' })).ok).toBe(true);

    const bad = async (over: Record<string, unknown>, msg: string) => {
      const e = await collectGarbage({ ...args, ...over }).catch((x: unknown) => x);
      expect(isEngineError(e, 'INVALID_ARGUMENT'), msg).toBe(true);
      expect((e as Error).message).toContain(msg);
    };
    await bad({ expiredSnapshotIds: [s5] }, 'both kept and expired');
    await bad({ keptSnapshotIds: ['cuid123'] }, 'is not an engine snapshot id');
    await bad({ graceMs: -1 }, 'graceMs must be a non-negative number');
    await bad({ graceMs: Number.NaN }, 'graceMs must be a non-negative number');
  });

  it('a forged or corrupt state object cannot shorten the grace period', async () => {
    const { store, repo, s1, s2, s3, s4, s5, clock } = await setup();
    const args = { repo, keptSnapshotIds: [s4, s5], expiredSnapshotIds: [s1, s2, s3], graceMs: GRACE, clock };
    const r1 = await collectGarbage(args);
    const state = JSON.parse(store.objects.get(r1.stateKey!)!.toString('utf8')) as { body: string; mac: string };
    const body = JSON.parse(state.body) as { candidates: [string, number, number][]; runId: string };
    body.candidates = body.candidates.map(([k, s]) => [k, s, 0]); // "first seen in 1970"
    store.objects.set(r1.stateKey!, Buffer.from(JSON.stringify({ body: JSON.stringify(body), mac: state.mac })));
    clock.advance(HOUR);
    const r2 = await collectGarbage(args);
    expect(r2.deleted.objects).toBe(0);
    expect(r2.newCandidates).toBe(r1.candidates.objects); // the forged state was ignored
    clock.advance(GRACE);
    expect((await collectGarbage(args)).deleted.objects).toBe(r1.candidates.objects);
  });

  it("never lists, reads or deletes inside another tenant's prefix", async () => {
    const store = createMemoryObjectStore({ pageSize: 5 });
    const a = await buildHistory({ store, tenantId: 'acme', seed: 1 });
    const b = await buildHistory({ store, tenantId: 'globex', seed: 2 });
    const bRoot = tenantRoot(b.repo.tenant.tenantKey);
    const aRoot = tenantRoot(a.repo.tenant.tenantKey);
    const bBefore = [...store.objects].filter(([k]) => k.startsWith(bRoot));
    const calls: string[] = [];
    const spy: ObjectStore = {
      label: 'spy',
      put: (k, body, o) => (calls.push(`put ${k}`), store.put(k, body, o)),
      get: (k) => (calls.push(`get ${k}`), store.get(k)),
      getRange: (k, off, len) => (calls.push(`getRange ${k}`), store.getRange(k, off, len)),
      head: (k) => (calls.push(`head ${k}`), store.head(k)),
      list: (p) => (calls.push(`list ${p}`), store.list(p)),
      delete: (k) => (calls.push(`delete ${k}`), store.delete(k)),
    };
    const repo = await createRepository({ tenantId: 'acme', store: spy, keys: a.kit.keys, options: SMALL });
    const clock = createManualClock(new Date('2026-12-01T00:00:00Z'));
    // Keep only acme's newest snapshot; everything else of acme becomes garbage.
    const args = { repo, keptSnapshotIds: [a.ids[4]!], expiredSnapshotIds: a.ids.slice(0, 4), graceMs: HOUR, clock };
    await collectGarbage(args);
    clock.advance(HOUR);
    const r = await collectGarbage(args);
    expect(r.deleted.objects).toBeGreaterThan(20);
    expect(calls.length).toBeGreaterThan(50);
    for (const c of calls) expect(c.split(' ')[1]!.startsWith(aRoot), c).toBe(true);
    expect(calls.filter((c) => c.startsWith('list ')).every((c) => c === `list ${aRoot}`)).toBe(true);
    expect([...store.objects].filter(([k]) => k.startsWith(bRoot))).toEqual(bBefore);
    for (const id of b.ids) expect((await verifySnapshot({ repo: b.repo, snapshotId: id, level: 'read-data' })).ok).toBe(true);
    expect(await readBack(a.repo, a.history[4]!.manifest)).toEqual(a.history[4]!.expected);
    expect(store.objects.has(packKey(b.repo.tenant.tenantKey, 'x'.repeat(64)))).toBe(false);
  });
});
