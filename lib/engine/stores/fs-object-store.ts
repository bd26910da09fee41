import { randomBytes } from 'node:crypto';
import { constants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { EngineError } from '../errors/engine-error';
import { assertValidKey, type ObjectStore, type TObjectBody } from '../ports/object-store';

// Embedded default. Durability: bytes go to a temp file in the same directory, are fsynced, then
// hard-linked (ifAbsent: link fails atomically with EEXIST, so a concurrent writer can never be
// overwritten) or renamed into place, and the directory is fsynced so the name survives a crash.
const TMP_DIR = '.tmp';
// Tiering: an object moved to a class other than hot has a marker file `.storage-class/<key>`
// holding the class name (outside every listing, like the temp folder). A filesystem has no
// cheaper tier; the marker records the decision so the catalog, tests and cost figures agree.
const CLASS_DIR = '.storage-class';

export function createFsObjectStore(root: string): ObjectStore {
  const abs = path.resolve(root);
  const fileOf = (key: string) => {
    assertValidKey(key);
    return path.join(abs, ...key.split('/'));
  };

  async function writeTemp(body: TObjectBody): Promise<{ tmp: string; size: number }> {
    const dir = path.join(abs, TMP_DIR);
    await fsp.mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const fh = await fsp.open(tmp, 'wx');
    let size = 0;
    try {
      if (body instanceof Uint8Array) {
        await fh.writeFile(body);
        size = body.byteLength;
      } else {
        for await (const chunk of body) {
          await fh.write(chunk);
          size += chunk.byteLength;
        }
      }
      await fh.sync();
    } catch (err) {
      await fh.close().catch(() => undefined);
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    await fh.close();
    return { tmp, size };
  }

  async function syncDir(dir: string) {
    const fh = await fsp.open(dir, constants.O_RDONLY);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  return {
    label: `fs:${abs}`,
    async put(key, body, options) {
      const file = fileOf(key);
      const { tmp, size } = await writeTemp(body);
      try {
        await fsp.mkdir(path.dirname(file), { recursive: true });
        if (options?.ifAbsent) {
          try {
            await fsp.link(tmp, file);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
            const st = await fsp.stat(file);
            return { created: false, size: st.size };
          }
        } else {
          await fsp.rename(tmp, file);
        }
        await syncDir(path.dirname(file));
        return { created: true, size };
      } finally {
        await fsp.rm(tmp, { force: true });
      }
    },
    async get(key) {
      try {
        return await fsp.readFile(fileOf(key));
      } catch (err) {
        throw mapFsError(err, key);
      }
    },
    async getRange(key, offset, length) {
      let fh: fsp.FileHandle;
      try {
        fh = await fsp.open(fileOf(key), 'r');
      } catch (err) {
        throw mapFsError(err, key);
      }
      try {
        const { size } = await fh.stat();
        if (offset < 0 || length < 0 || offset + length > size) {
          throw new EngineError('INVALID_ARGUMENT', `range ${offset}+${length} outside ${key} (${size} bytes)`, {
            objectKey: key,
          });
        }
        const buf = Buffer.alloc(length);
        const { bytesRead } = await fh.read(buf, 0, length, offset);
        return buf.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    },
    async head(key) {
      try {
        const st = await fsp.stat(fileOf(key));
        return st.isFile() ? { key, size: st.size } : null;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw mapFsError(err, key);
      }
    },
    async *list(prefix) {
      // Walk only the directory that can contain the prefix, depth-first in sorted order, so the
      // output is globally key-sorted without collecting the whole tree.
      const slash = prefix.lastIndexOf('/');
      const baseKey = slash >= 0 ? prefix.slice(0, slash) : '';
      yield* walk(abs, baseKey, prefix);
    },
    async delete(key) {
      await fsp.rm(fileOf(key), { force: true });
      await fsp.rm(path.join(abs, CLASS_DIR, ...key.split('/')), { force: true });
    },
    async setStorageClass(key, storageClass) {
      const file = fileOf(key);
      const st = await fsp.stat(file).catch(() => null);
      if (!st?.isFile()) throw new EngineError('OBJECT_MISSING', `no object ${key}`, { objectKey: key });
      const marker = path.join(abs, CLASS_DIR, ...key.split('/'));
      if (storageClass === 'hot') return void (await fsp.rm(marker, { force: true }));
      await fsp.mkdir(path.dirname(marker), { recursive: true });
      await fsp.writeFile(marker, storageClass);
    },
    async storageClassOf(key) {
      const st = await fsp.stat(fileOf(key)).catch(() => null);
      if (!st?.isFile()) return null;
      const marker = await fsp.readFile(path.join(abs, CLASS_DIR, ...key.split('/')), 'utf8').catch(() => null);
      return marker === 'cold' ? 'cold' : 'hot';
    },
  };
}

async function* walk(root: string, dirKey: string, prefix: string): AsyncGenerator<{ key: string; size: number }> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fsp.readdir(dirKey ? path.join(root, ...dirKey.split('/')) : root, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return;
    throw err;
  }
  // Sort by the key each entry produces ('a/' sorts after 'a-' and before 'a0' in key order).
  const named = entries
    .filter((e) => !(dirKey === '' && (e.name === TMP_DIR || e.name === CLASS_DIR)))
    .map((e) => ({ e, key: dirKey ? `${dirKey}/${e.name}` : e.name }))
    .sort((a, b) => cmp(a.e.isDirectory() ? `${a.key}/` : a.key, b.e.isDirectory() ? `${b.key}/` : b.key));
  for (const { e, key } of named) {
    if (e.isDirectory()) {
      if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) yield* walk(root, key, prefix);
    } else if (e.isFile() && key.startsWith(prefix)) {
      const st = await fsp.stat(path.join(root, ...key.split('/')));
      yield { key, size: st.size };
    }
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function mapFsError(err: unknown, key: string): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (err instanceof EngineError) return err;
  if (code === 'ENOENT' || code === 'EISDIR') return new EngineError('OBJECT_MISSING', `no object ${key}`, { objectKey: key });
  return new EngineError('STORE_ERROR', `filesystem error on ${key}: ${String(err)}`, { objectKey: key }, { cause: err });
}
