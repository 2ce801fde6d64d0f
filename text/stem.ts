/**
 * Snowball stemmers (french, english) from `snowball-stemmers`, memoised: a corpus repeats the same
 * few thousand words, and the stemmer allocates on every call.
 */
import { createRequire } from 'node:module';
import type { Lang } from '../core/types.js';

interface SnowballStemmer {
  stem(word: string): string;
}
interface SnowballFactory {
  newStemmer(algorithm: string): SnowballStemmer;
}

// The package is CommonJS without type declarations; require keeps the import typed locally.
const snowball = createRequire(import.meta.url)('snowball-stemmers') as SnowballFactory;

/** Bump when the stemmer package or its use changes: it is part of the analysis fingerprint. */
export const STEMMER_ID = 'snowball-stemmers@0.6';

/** Beyond this many cached words the cache restarts, so an unbounded stream cannot grow memory. */
const CACHE_LIMIT = 200_000;

function memoised(algorithm: string): (word: string) => string {
  const stemmer = snowball.newStemmer(algorithm);
  let cache = new Map<string, string>();
  return (word: string): string => {
    let stem = cache.get(word);
    if (stem === undefined) {
      stem = stemmer.stem(word);
      if (cache.size >= CACHE_LIMIT) cache = new Map();
      cache.set(word, stem);
    }
    return stem;
  };
}

/** Stem of a lowercase French word. Pass accented forms: the French rules use accents (sécurité → sécur). */
export const stemFrench = memoised('french');
/** Stem of a lowercase English word. */
export const stemEnglish = memoised('english');

export function stem(word: string, lang: Lang): string {
  return lang === 'fr' ? stemFrench(word) : stemEnglish(word);
}
