import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODECS, compress, decompress, defaultCodec } from './codec';

describe('codecs', () => {
  it('uses zstd here (the prebuilt binding is installed)', async () => {
    expect(await defaultCodec()).toBe('zstd');
  });

  it.each(CODECS)('%s round-trips and enforces the recorded length', async (codec) => {
    const data = Buffer.concat([randomBytes(1000), Buffer.from('abc'.repeat(2000))]);
    const packed = await compress(codec, data);
    if (codec !== 'none') expect(packed.length).toBeLessThan(data.length);
    expect((await decompress(codec, packed, data.length)).equals(data)).toBe(true);
    await expect(decompress(codec, packed, data.length - 1)).rejects.toMatchObject({ code: 'INTEGRITY_MISMATCH' });
  });
});
