/**
 * Feature hashing: FNV-1a over UTF-16 code units with a per-family seed, finished with murmur3's
 * fmix32 so low bits (the bucket) and the top bit (the sign) are well mixed. Signed hashing makes
 * collisions cancel on average instead of always adding up. Stable across runs and platforms:
 * stored vectors depend on it, so any change here must change the embedder's model id.
 */

export const HASH_ID = 'fnv1a32-fmix32-signed';

export function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

export function fmix32(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Seeds keep the families apart: the same string as a word and as a character n-gram hash differently. */
export function familySeed(seed: number, family: number): number {
  return fmix32((seed ^ Math.imul(family + 1, 0x9e3779b9)) >>> 0);
}

/** hash32 of `<word>`.slice(start, start + n) (boundary-marked word) without allocating it. */
export function hashPadded(word: string, start: number, n: number, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  const last = word.length + 1;
  for (let j = start; j < start + n; j++) {
    const c = j === 0 ? 60 /* < */ : j === last ? 62 /* > */ : word.charCodeAt(j - 1);
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}
