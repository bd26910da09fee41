import { blobIdOf, idKeyFromRaw } from './document-key';

// Order-independent fingerprint of a collection: the sum, modulo 2^128, of its documents' keyed
// blob ids (HMAC over collection ‖ _id ‖ exact BSON bytes). Sum rather than XOR so a duplicated
// document changes the result (XOR cancels pairs). Because it is built from blob ids, capture gets
// it for free from the index (also for unchanged documents an incremental snapshot only
// references), and the restore engine recomputes it over a live target with the tenant's
// blob-id secret to prove the restored documents are byte-identical.
const MOD = 1n << 128n;

export class Fingerprint {
  private acc = 0n;
  private n = 0;

  addBlobId(blobId: string): void {
    this.acc = (this.acc + BigInt(`0x${blobId}`)) % MOD;
    this.n++;
  }

  get count(): number {
    return this.n;
  }

  toString(): string {
    return this.acc.toString(16).padStart(32, '0');
  }
}

export function fingerprintBlobIds(blobIds: Iterable<string>): string {
  const fp = new Fingerprint();
  for (const id of blobIds) fp.addBlobId(id);
  return fp.toString();
}

/** Fingerprint of raw BSON documents (e.g. a restored target), in any order. */
export async function fingerprintDocuments(
  blobSecret: Uint8Array,
  collection: string,
  docs: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<{ fingerprint: string; count: number }> {
  const fp = new Fingerprint();
  for await (const d of docs) fp.addBlobId(blobIdOf(blobSecret, collection, idKeyFromRaw(d), d));
  return { fingerprint: fp.toString(), count: fp.count };
}
