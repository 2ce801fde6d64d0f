/**
 * The text layer's word caches (lower-casing, accent folding, stemming), bounded by the bytes they
 * hold, not by an entry count: a client sending long unique tokens must not grow the process
 * (issue 16: 100k–200k-entry caches of 3,999-character tokens reached gigabytes). Keys longer than
 * any word are not cached at all: they would only push real words out.
 */
import { BoundedCache, stringBytes } from '../core/bounded-cache.js';

export interface WordMemoOptions {
  /** Summed bytes of keys and values held (approximate: UTF-16 plus headers and a Map entry). */
  maxBytes: number;
  /** Keys longer than this (characters) are computed every time, never kept. */
  maxKeyChars: number;
}

export const DEFAULT_WORD_MEMO: WordMemoOptions = { maxBytes: 8 * 2 ** 20, maxKeyChars: 64 };

/** Approximate bytes of one Map entry beyond its key and value. */
const ENTRY_BYTES = 40;

export interface WordMemo {
  (word: string): string;
  /** The cache, for its byte accounting (`bytes`, `size`). */
  readonly cache: BoundedCache<string, string>;
}

/** `fn`, memoised per word within the byte budget (oldest entries out first). */
export function wordMemo(fn: (word: string) => string, options: Partial<WordMemoOptions> = {}): WordMemo {
  const o: WordMemoOptions = { ...DEFAULT_WORD_MEMO, ...options };
  const cache = new BoundedCache<string, string>({
    capacity: Number.MAX_SAFE_INTEGER,
    policy: 'fifo',
    maxBytes: o.maxBytes,
    sizeOf: (key, value) => stringBytes(key) + (value === key ? 0 : stringBytes(value)) + ENTRY_BYTES,
  });
  const memo = (word: string): string => {
    if (word.length > o.maxKeyChars) return fn(word);
    return cache.get(word, () => fn(word));
  };
  return Object.assign(memo, { cache });
}
