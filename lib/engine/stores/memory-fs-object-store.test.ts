import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFsObjectStore } from './fs-object-store';
import { createMemoryObjectStore } from './memory-object-store';
import { describeObjectStoreConformance } from './object-store-conformance';

describeObjectStoreConformance('memory', {
  create: async () => createMemoryObjectStore({ pageSize: 100 }),
});

let dir = '';
describeObjectStoreConformance('filesystem', {
  create: async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vaultline-fs-store-'));
    return createFsObjectStore(dir);
  },
  cleanup: () => rm(dir, { recursive: true, force: true }),
});
