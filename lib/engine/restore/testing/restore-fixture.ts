// Test fixture: a tenant's collections captured by runSnapshot (memory Mongo + memory store +
// local key provider), and an in-memory target seeded with the same documents, plus helpers to
// parse a package and plan it. SHARED_FIELD by default, with a second tenant in the same
// collections so every test also checks that the other tenant is never touched.
import { ObjectId, type Document } from 'mongodb';
import { runSnapshot } from '../../capture/run-snapshot';
import type { TManifest } from '../../format/manifest';
import type { TTenancy } from '../../mongo/tenancy';
import { createRepository, type TRepository } from '../../repo/repository';
import { parseRestoreSpec } from '../../restore-spec/parse-restore-spec';
import type { TTenantScope } from '../../restore-spec/tenant-scope';
import { createMemoryMongoEndpoint } from '../../testing/memory-mongo-endpoint';
import { createTestKit } from '../../testing/test-kit';
import { planRestore } from '../plan-restore';
import type { TRestorePlan, TTargetNamespace } from '../restore-plan';
import { createMemoryRestoreTarget, type MemoryRestoreTarget } from './memory-restore-target';

export const SMALL_REPO = { targetPackBytes: 8 * 1024, frameBytes: 2 * 1024, entriesPerSegment: 8 };
export const TENANT_ID = 'tenant-initech';
export const DB = 'saas_shared';
export const SHARED: TTenancy = { model: 'SHARED_FIELD', database: DB, tenantField: 'tenantId', tenantValue: 'initech' };

const STATUSES = ['open', 'paid', 'shipped'];

/** Small, deterministic documents; `i` decides status and amount. */
export function makeDoc(tenant: string, i: number, extra: Document = {}): Document {
  return {
    _id: new ObjectId(`65a0${tenant === 'initech' ? '00' : 'ff'}${i.toString(16).padStart(18, '0')}`),
    tenantId: tenant,
    n: i,
    status: STATUSES[i % STATUSES.length],
    amount: (i * 37) % 101,
    lines: [{ sku: `S-${i}`, qty: 1 + (i % 3) }],
    ...extra,
  };
}

export type TRestoreFixture = Awaited<ReturnType<typeof createRestoreFixture>>;

export async function createRestoreFixture(opts: { collections?: Record<string, number>; otherTenantDocs?: number; tenancy?: TTenancy } = {}) {
  const tenancy = opts.tenancy ?? SHARED;
  const counts = opts.collections ?? { orders: 24, events: 12 };
  const mongo = createMemoryMongoEndpoint();
  const target = createMemoryRestoreTarget();
  const physical = (name: string) => (tenancy.model === 'COLLECTION_PREFIX' ? `${tenancy.collectionPrefix}${name}` : name);
  const docs: Record<string, Document[]> = {};
  for (const [name, n] of Object.entries(counts)) {
    docs[name] = Array.from({ length: n }, (_, i) => makeDoc('initech', i, { kind: name }));
    const others = Array.from({ length: opts.otherTenantDocs ?? 6 }, (_, i) => makeDoc('initrode', i, { kind: name }));
    for (const d of [...docs[name]!, ...(tenancy.model === 'SHARED_FIELD' ? others : [])]) {
      mongo.insert(tenancy.database, physical(name), d);
      target.insert({ database: tenancy.database, collection: physical(name) }, d);
    }
  }
  mongo.createCollection(tenancy.database, physical('orders'), {}, [{ v: 2, key: { status: 1 }, name: 'status_1' }]);
  const kit = createTestKit();
  const { manifest } = await runSnapshot({ tenant: { tenantId: TENANT_ID, tenancy }, endpoint: mongo.endpoint, ...kit, options: SMALL_REPO });
  const repo = await createRepository({ tenantId: TENANT_ID, ...kit, options: SMALL_REPO });
  const scope: TTenantScope = {
    slug: 'initech',
    tenancy: tenancy.model === 'SHARED_FIELD' ? { ...tenancy, tenantValue: String(tenancy.tenantValue) } : tenancy,
    namespaces: manifest.collections.map((c) => c.name),
    databases: ['initech_restore'],
  };
  const ns = (name: string): TTargetNamespace => ({ database: tenancy.database, collection: physical(name) });
  return {
    kit,
    repo,
    manifest,
    target,
    scope,
    docs,
    ns,
    tenancy,
    plan: (pkg: Record<string, unknown>, restoreId = 'r1') => planFor(repo, manifest, scope, pkg, restoreId),
  };
}

export function restorePackage(manifest: TManifest, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    tenant: 'initech',
    source: { snapshotId: manifest.snapshotId },
    target: { mode: 'in-place' },
    conflictPolicy: 'overwrite',
    ...overrides,
  };
}

export async function planFor(
  repo: TRepository,
  manifest: TManifest,
  scope: TTenantScope,
  pkg: Record<string, unknown>,
  restoreId: string,
): Promise<TRestorePlan> {
  const parsed = parseRestoreSpec(pkg, { tenant: scope });
  if (!parsed.ok) throw parsed.error;
  return planRestore(parsed.value, manifest, { restoreId, repo });
}

export type { MemoryRestoreTarget };
