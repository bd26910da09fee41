import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryObjectStore } from '../stores/memory-object-store';
import { loadMasterKey, parseMasterKey } from './load-master-key';
import { createLocalKeyProvider } from './local-key-provider';

const master = Buffer.alloc(32, 7);

describe('local key provider', () => {
  it('wraps and unwraps data keys bound to tenant and context', async () => {
    const keys = createLocalKeyProvider({ masterKey: master, keyStore: createMemoryObjectStore() });
    const dek = Buffer.alloc(32, 9);
    const wrapped = await keys.wrapDataKey('t1', dek, 'pack/abc');
    expect(await keys.unwrapDataKey('t1', wrapped, 'pack/abc')).toEqual(dek);
    await expect(keys.unwrapDataKey('t1', wrapped, 'pack/other')).rejects.toMatchObject({ code: 'INTEGRITY_MISMATCH' });
    await keys.wrapDataKey('t2', dek, 'x');
    await expect(keys.unwrapDataKey('t2', wrapped, 'pack/abc')).rejects.toMatchObject({ code: 'INTEGRITY_MISMATCH' });
  });

  it('gives per-tenant secrets and opaque folder names; another master key cannot read the KEK', async () => {
    const store = createMemoryObjectStore();
    const keys = createLocalKeyProvider({ masterKey: master, keyStore: store });
    const create = { create: true };
    expect((await keys.tenantSecret('t1', 'blob-id', create)).equals(await keys.tenantSecret('t2', 'blob-id', create))).toBe(false);
    expect((await keys.tenantSecret('t1', 'blob-id')).equals(await keys.tenantSecret('t1', 'manifest-mac'))).toBe(false);
    expect(keys.opaqueTenantKey('t1')).toMatch(/^[0-9a-f]{32}$/);
    expect(keys.opaqueTenantKey('t1')).toBe(createLocalKeyProvider({ masterKey: master, keyStore: store }).opaqueTenantKey('t1'));
    const intruder = createLocalKeyProvider({ masterKey: Buffer.alloc(32, 8), keyStore: store });
    expect(intruder.opaqueTenantKey('t1')).not.toBe(keys.opaqueTenantKey('t1'));
  });

  it('two providers racing to create a tenant KEK end up with the same key', async () => {
    const store = createMemoryObjectStore();
    const a = createLocalKeyProvider({ masterKey: master, keyStore: store });
    const b = createLocalKeyProvider({ masterKey: master, keyStore: store });
    const [sa, sb] = await Promise.all([a.tenantSecret('t', 'blob-id', { create: true }), b.tenantSecret('t', 'blob-id', { create: true })]);
    expect(sa.equals(sb)).toBe(true);
  });

  it('destroyTenantKey shreds one tenant and cannot be undone by re-creating the key', async () => {
    const store = createMemoryObjectStore();
    const keys = createLocalKeyProvider({ masterKey: master, keyStore: store });
    const w1 = await keys.wrapDataKey('t1', Buffer.alloc(32), 'c');
    const w2 = await keys.wrapDataKey('t2', Buffer.alloc(32), 'c');
    await keys.destroyTenantKey('t1');
    await expect(keys.unwrapDataKey('t1', w1, 'c')).rejects.toMatchObject({ code: 'KEY_DESTROYED' });
    await expect(keys.wrapDataKey('t1', Buffer.alloc(32), 'c')).rejects.toMatchObject({ code: 'KEY_DESTROYED' });
    expect(await keys.unwrapDataKey('t2', w2, 'c')).toEqual(Buffer.alloc(32));
  });
});

describe('loadMasterKey', () => {
  it('reads base64 from the env record or a key file, and rejects wrong sizes', async () => {
    const b64 = master.toString('base64');
    expect(await loadMasterKey({ VAULTLINE_MASTER_KEY: b64 })).toEqual(master);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vl-key-'));
    await writeFile(path.join(dir, 'k'), `${b64}\n`);
    expect(await loadMasterKey({ VAULTLINE_MASTER_KEY_FILE: path.join(dir, 'k') })).toEqual(master);
    await rm(dir, { recursive: true });
    expect(() => parseMasterKey(Buffer.alloc(16).toString('base64'))).toThrow(/KEY_INVALID/);
    await expect(loadMasterKey({})).rejects.toMatchObject({ code: 'KEY_INVALID' });
  });
});
