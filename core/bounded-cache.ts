/**
 * A size-bounded memo: the per-passage and per-pair caches of retrieval hold query-independent
 * work for the passages searches keep meeting, but a large index must never end up wholly cached.
 * 'lru' refreshes an entry on each hit (the working set stays); 'fifo' evicts by insertion order
 * and keeps hits as cheap as a Map lookup.
 */
export interface BoundedCacheOptions {
  capacity: number;
  policy: 'lru' | 'fifo';
}

export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly options: BoundedCacheOptions;

  constructor(options: BoundedCacheOptions) {
    if (!(options.capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${options.capacity}`);
    this.options = options;
  }

  /** The cached value for `key`, else `make()`'s, remembered (evicting the oldest when full). */
  get(key: K, make: () => V): V {
    const known = this.entries.get(key);
    if (known !== undefined) {
      if (this.options.policy === 'lru') {
        this.entries.delete(key);
        this.entries.set(key, known);
      }
      return known;
    }
    const value = make();
    if (this.entries.size >= this.options.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
    return value;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
