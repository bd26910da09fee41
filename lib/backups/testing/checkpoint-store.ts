import type { ObjectStore } from '@/lib/engine';

// Test support for the crash-safety test: an ObjectStore decorator that stops the backup at a
// named write checkpoint. It announces `CHECKPOINT <name>` and then never returns from put(),
// so the test can SIGKILL the process at exactly that point of the write order.
//   packs-stored     before the first index segment is written (every pack is stored)
//   segments-stored  before the manifest is written (every index segment is stored)
//   manifest-stored  after the manifest is stored, before the catalog rows
//   put:<n>          after the n-th object put of the run (any object)

export const STORE_CHECKPOINTS = ['packs-stored', 'segments-stored', 'manifest-stored'] as const;
export type TCrashPoint = (typeof STORE_CHECKPOINTS)[number] | 'snapshot-rows-committed' | `put:${number}`;

const kindOf = (key: string) => (key.includes('/packs/') ? 'pack' : key.includes('/index/') ? 'index' : key.includes('/snapshots/') ? 'manifest' : 'other');

/** Prints the checkpoint and parks the caller forever (a timer keeps the process alive to be killed). */
export async function halt(name: string, announce: (line: string) => void): Promise<never> {
  announce(`CHECKPOINT ${name}`);
  setInterval(() => undefined, 1 << 30);
  return new Promise<never>(() => undefined);
}

export function withCheckpoints(inner: ObjectStore, crashAt: TCrashPoint | undefined, announce: (line: string) => void): ObjectStore & { puts(): number } {
  let puts = 0;
  let segments = 0;
  return {
    label: `checkpoints(${inner.label})`,
    puts: () => puts,
    async put(key, body, options) {
      const kind = kindOf(key);
      if (crashAt === 'packs-stored' && kind === 'index' && segments === 0) await halt(crashAt, announce);
      if (crashAt === 'segments-stored' && kind === 'manifest') await halt(crashAt, announce);
      if (kind === 'index') segments++;
      const res = await inner.put(key, body, options);
      puts++;
      if (crashAt === `put:${puts}`) await halt(`${crashAt} ${kind}`, announce);
      if (crashAt === 'manifest-stored' && kind === 'manifest') await halt(crashAt, announce);
      return res;
    },
    get: (key) => inner.get(key),
    getRange: (key, offset, length) => inner.getRange(key, offset, length),
    head: (key) => inner.head(key),
    list: (prefix) => inner.list(prefix),
    delete: (key) => inner.delete(key),
  };
}
