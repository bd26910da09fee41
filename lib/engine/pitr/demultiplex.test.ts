import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { idKeyOf } from '../format/document-key';
import type { TOplogOp } from '../capture/oplog';
import type { TTenant } from '../mongo/tenancy';
import { demultiplex } from './demultiplex';
import { createIdTenantMap } from './id-tenant-map';

const raw = (d: object) => new Uint8Array(BSON.serialize(d));
let ts = 100n << 32n;
const i = (ns: string, d: object): TOplogOp => ({ op: 'i', ts: ++ts, ns, doc: raw(d) });
const u = (ns: string, d: object | null, id?: unknown): TOplogOp => ({ op: 'u', ts: ++ts, ns, doc: d ? raw(d) : null, id: id ?? (d as { _id: unknown })._id });
const d = (ns: string, id: unknown): TOplogOp => ({ op: 'd', ts: ++ts, ns, id });

const tenants: TTenant[] = [
  { tenantId: 'acme', tenancy: { model: 'DATABASE', database: 'acme_db' } },
  { tenantId: 'globex', tenancy: { model: 'COLLECTION_PREFIX', database: 'pre', collectionPrefix: 'globex_' } },
  { tenantId: 'initech', tenancy: { model: 'SHARED_FIELD', database: 'shared', tenantField: 'tenantId', tenantValue: 'initech' } },
  { tenantId: 'initrode', tenancy: { model: 'SHARED_FIELD', database: 'shared', tenantField: 'tenantId', tenantValue: 'initrode' } },
];
const summary = (r: ReturnType<typeof demultiplex>) =>
  Object.fromEntries([...r.byTenant].map(([t, es]) => [t, es.map((e) => `${e.op}:${e.collection}:${String(idOf(e.idKey))}`)]));
const idOf = (k: string) => {
  for (const c of ['a', 'b', 'x', 'p1', 'p2', 's1', 's2', 's3', 's4', 42]) if (idKeyOf(c) === k) return c;
  return k;
};

describe('demultiplex', () => {
  it('routes DATABASE by database, COLLECTION_PREFIX by prefix (stripped), and drops what no tenant owns', () => {
    const r = demultiplex(
      [
        i('acme_db.orders', { _id: 'a' }),
        u('acme_db.orders', { _id: 'a', n: 2 }),
        d('acme_db.orders', 'a'),
        i('pre.globex_orders', { _id: 'p1' }),
        i('pre.hooli_orders', { _id: 'p2' }),
        i('pre.globex_', { _id: 'x' }),
        i('acme_db.system.views', { _id: 'x' }),
        i('acme_db.__vaultline_lineage', { _id: 'x' }),
        i('other.orders', { _id: 'b' }),
      ],
      tenants,
      createIdTenantMap(),
    );
    expect(summary(r)).toEqual({ acme: ['i:orders:a', 'u:orders:a', 'd:orders:a'], globex: ['i:orders:p1'], initech: [], initrode: [] });
    expect(r.unresolved).toEqual([]);
  });

  it('SHARED_FIELD: inserts/whole updates by the tenant field; deletes by ids learned in the batch or known to the resolver', () => {
    const resolver = createIdTenantMap();
    resolver.remember('shared.orders', idKeyOf('s3'), 'initrode');
    const r = demultiplex(
      [
        i('shared.orders', { _id: 's1', tenantId: 'initech' }),
        i('shared.orders', { _id: 's2', tenantId: 'initrode' }),
        i('shared.orders', { _id: 'x', tenantId: 'hooli' }),
        u('shared.orders', { _id: 's1', tenantId: 'initech', n: 1 }),
        d('shared.orders', 's1'),
        d('shared.orders', 's3'),
        d('shared.orders', 's4'),
        u('shared.orders', null, 's3'),
      ],
      tenants,
      resolver,
    );
    expect(summary(r)).toEqual({ acme: [], globex: [], initech: ['i:orders:s1', 'u:orders:s1', 'd:orders:s1'], initrode: ['i:orders:s2', 'd:orders:s3'] });
    // the diff update of s3 comes after its delete retired the id; s4 was never seen
    expect(r.unresolved.map((o) => `${o.op}:${String(o.op === 'i' ? '' : (o as { id: unknown }).id)}`)).toEqual(['d:s4', 'u:s3']);
    // pure: the resolver is untouched, the changes come back
    expect(resolver.lookup('shared.orders', idKeyOf('s1'))).toBeUndefined();
    expect(resolver.lookup('shared.orders', idKeyOf('s3'))).toBe('initrode');
    expect(r.resolverChanges.map((c) => `${String(idOf(c.idKey))}=${c.tenantId}`)).toEqual(['s1=initech', 's2=initrode', 's1=null', 's3=null']);
  });

  it('a document whose tenant field is rewritten leaves the old tenant as a delete and enters the new one', () => {
    const r = demultiplex(
      [i('shared.orders', { _id: 's1', tenantId: 'initech' }), u('shared.orders', { _id: 's1', tenantId: 'initrode' })],
      tenants,
      createIdTenantMap(),
    );
    expect(summary(r)).toMatchObject({ initech: ['i:orders:s1', 'd:orders:s1'], initrode: ['u:orders:s1'] });
  });

  it('numeric tenant values and _ids match by BSON type and value', () => {
    const t: TTenant[] = [{ tenantId: 'n7', tenancy: { model: 'SHARED_FIELD', database: 'shared', tenantField: 'org', tenantValue: 7 } }];
    const r = demultiplex([i('shared.c', { _id: 42, org: 7 }), i('shared.c', { _id: 'x', org: '7' }), d('shared.c', 42)], t, createIdTenantMap());
    expect(summary(r)).toEqual({ n7: ['i:c:42', 'd:c:42'] });
  });
});
