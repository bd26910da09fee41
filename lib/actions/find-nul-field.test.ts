import { describe, expect, it } from 'vitest';
import { auditableId, findNulField } from './find-nul-field';

describe('findNulField', () => {
  it('names the top-level field that holds a NUL at any depth, and nothing for clean input', () => {
    expect(findNulField({ a: 'ok', b: 'x\u0000y' })).toBe('b');
    expect(findNulField({ spec: { selection: { documentIds: ['1', '2\u0000'] } } })).toBe('spec');
    expect(findNulField({ 'k\u0000': 'v' })).toBe('k');
    expect(findNulField('\u0000')).toBe('_');
    expect(findNulField({ a: 'ok', n: 1, list: [{ x: 'fine' }], none: null })).toBeNull();
    expect(findNulField(undefined)).toBeNull();
  });
});

describe('auditableId', () => {
  it('replaces control characters and bounds the length', () => {
    expect(auditableId('a\u0000b\u001f')).toBe('a\ufffdb\ufffd');
    expect(auditableId('x'.repeat(100))).toHaveLength(64);
    expect(auditableId(42)).toBeNull();
  });
});
