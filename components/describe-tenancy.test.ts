import { describe, expect, it } from 'vitest';
import { describeTenancy } from './describe-tenancy';

describe('describeTenancy', () => {
  it('says where the data lives for each tenancy model', () => {
    expect(describeTenancy({ tenancyModel: 'DATABASE', database: 'acme', collectionPrefix: null, tenantField: null, tenantValue: null })).toBe(
      'Own database acme',
    );
    expect(describeTenancy({ tenancyModel: 'COLLECTION_PREFIX', database: 'shared', collectionPrefix: 'globex_', tenantField: null, tenantValue: null })).toBe(
      'Collections prefixed globex_* in shared',
    );
    expect(describeTenancy({ tenancyModel: 'SHARED_FIELD', database: 'pool', collectionPrefix: null, tenantField: 'orgId', tenantValue: 'initech' })).toBe(
      'Shared collections in pool where orgId = "initech"',
    );
  });
});
