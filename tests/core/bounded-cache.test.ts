import { describe, expect, it } from 'vitest';
import { BoundedCache, stringBytes } from '../../core/bounded-cache.js';

describe('BoundedCache', () => {
  it('evicts the oldest entry past its capacity (fifo) or the least recently used (lru)', () => {
    const fifo = new BoundedCache<string, number>({ capacity: 2, policy: 'fifo' });
    fifo.get('a', () => 1);
    fifo.get('b', () => 2);
    fifo.get('a', () => 99);
    fifo.get('c', () => 3);
    expect(fifo.peek('a')).toBeUndefined();
    const lru = new BoundedCache<string, number>({ capacity: 2, policy: 'lru' });
    lru.get('a', () => 1);
    lru.get('b', () => 2);
    lru.get('a', () => 99);
    lru.get('c', () => 3);
    expect(lru.peek('a')).toBe(1);
    expect(lru.peek('b')).toBeUndefined();
  });

  it('bounded by bytes: long unique keys never hold more than the budget', () => {
    const cache = new BoundedCache<string, string>({
      capacity: 1_000_000,
      policy: 'lru',
      maxBytes: 100_000,
      sizeOf: (k, v) => stringBytes(k) + stringBytes(v),
    });
    for (let i = 0; i < 5_000; i++) cache.get(`${i}-${'x'.repeat(4000)}`, () => 'v');
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(15);
  });

  it('does not keep an entry larger than the whole budget, and accounts deletes', () => {
    const cache = new BoundedCache<string, string>({ capacity: 10, policy: 'fifo', maxBytes: 100, sizeOf: (k) => stringBytes(k) });
    cache.set('y'.repeat(500), 'v');
    expect(cache.size).toBe(0);
    cache.set('ab', 'v');
    expect(cache.bytes).toBe(stringBytes('ab'));
    cache.delete('ab');
    expect(cache.bytes).toBe(0);
  });

  it('refuses maxBytes without sizeOf', () => {
    expect(() => new BoundedCache({ capacity: 1, policy: 'lru', maxBytes: 10 })).toThrow(/sizeOf/);
  });
});
