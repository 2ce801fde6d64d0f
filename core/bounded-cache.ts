/**
 * A size-bounded memo: the per-passage and per-pair caches of retrieval hold query-independent
 * work for the passages searches keep meeting, but a large index must never end up wholly cached.
 * 'lru' refreshes an entry on each hit (the working set stays); 'fifo' evicts by insertion order
 * and keeps hits as cheap as a Map lookup.
 *
 * Bounded by entry count, and optionally by bytes (`maxBytes` + `sizeOf`): a cache keyed by
 * client text (tokens, sentences) must be bounded by what it holds, or a client sending long
 * unique strings grows the process without limit while the entry count stays under its cap.
 */
export interface BoundedCacheOptions<K = unknown, V = unknown> {
  capacity: number;
  policy: 'lru' | 'fifo';
  /** Upper bound on the summed `sizeOf` of the entries (bytes, approximately). */
  maxBytes?: number;
  /** The approximate bytes one entry holds; required with `maxBytes`. */
  sizeOf?: (key: K, value: V) => number;
}

/** Approximate bytes of a JS string held in memory (UTF-16 code units + header). */
export function stringBytes(s: string): number {
  return 2 * s.length + 16;
}

export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly options: BoundedCacheOptions<K, V>;
  private bytesHeld = 0;

  constructor(options: BoundedCacheOptions<K, V>) {
    if (!(options.capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${options.capacity}`);
    if (options.maxBytes !== undefined) {
      if (!(options.maxBytes >= 1)) throw new RangeError(`maxBytes must be at least 1, got ${options.maxBytes}`);
      if (!options.sizeOf) throw new RangeError('maxBytes needs sizeOf');
    }
    this.options = options;
  }

  /** The cached value for `key`, if any (an LRU hit refreshes it). */
  peek(key: K): V | undefined {
    const known = this.entries.get(key);
    if (known !== undefined && this.options.policy === 'lru') {
      this.entries.delete(key);
      this.entries.set(key, known);
    }
    return known;
  }

  /** The cached value for `key`, else `make()`'s, remembered (evicting the oldest when full). */
  get(key: K, make: () => V): V {
    const known = this.peek(key);
    if (known !== undefined) return known;
    const value = make();
    this.set(key, value);
    return value;
  }

  /** Remember `value` (an entry larger than the whole byte budget is not kept). */
  set(key: K, value: V): void {
    this.delete(key);
    const size = this.sizeOf(key, value);
    if (this.options.maxBytes !== undefined && size > this.options.maxBytes) return;
    while (
      this.entries.size > 0 &&
      (this.entries.size >= this.options.capacity ||
        (this.options.maxBytes !== undefined && this.bytesHeld + size > this.options.maxBytes))
    ) {
      this.delete(this.entries.keys().next().value as K);
    }
    this.entries.set(key, value);
    this.bytesHeld += size;
  }

  delete(key: K): void {
    const value = this.entries.get(key);
    if (value === undefined && !this.entries.has(key)) return;
    this.bytesHeld -= this.sizeOf(key, value as V);
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Summed sizeOf of the entries held (0 when the cache is bounded by count only). */
  get bytes(): number {
    return this.bytesHeld;
  }

  private sizeOf(key: K, value: V): number {
    return this.options.sizeOf ? this.options.sizeOf(key, value) : 0;
  }
}
