import { ObjectId, type Document } from 'mongodb';
import { createLocalKeyProvider } from '../keys/local-key-provider';
import type { ObjectStore } from '../ports/object-store';
import { createMemoryObjectStore } from '../stores/memory-object-store';

/** Fixed, public test master key: never use outside tests and fixtures. */
export const TEST_MASTER_KEY = Buffer.from('vaultline-test-master-key-32-byt', 'utf8');

export function createTestKit(store: ObjectStore = createMemoryObjectStore()) {
  const keys = createLocalKeyProvider({ masterKey: TEST_MASTER_KEY, keyStore: store });
  return { store, keys };
}

/** Seeded pseudo-random generator, so fixtures and tests are reproducible. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['alpha', 'harbor', 'copper', 'meadow', 'quartz', 'ember', 'willow', 'signal', 'north', 'lumen', 'cobalt', 'atlas'];

/** A realistic-ish order document (~0.5–1 KB), deterministic for a seed and index. */
export function orderDoc(rand: () => number, i: number, extra: Document = {}): Document {
  const pick = () => WORDS[Math.floor(rand() * WORDS.length)]!;
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  return {
    _id: new ObjectId(hex(24)),
    number: `ORD-${100000 + i}`,
    status: ['open', 'paid', 'shipped', 'cancelled'][Math.floor(rand() * 4)],
    customer: { name: `${pick()} ${pick()}`, email: `${pick()}.${hex(4)}@example.com`, tier: Math.floor(rand() * 3) },
    lines: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => ({
      sku: `SKU-${hex(6)}`,
      qty: 1 + Math.floor(rand() * 9),
      price: Math.round(rand() * 50000) / 100,
      note: rand() < 0.3 ? `${pick()} ${pick()} ${pick()}` : null,
    })),
    createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 3e10)),
    ...extra,
  };
}
