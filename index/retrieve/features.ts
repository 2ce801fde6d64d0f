/**
 * Query–passage match features the reranker reads besides the evidence score (all cheap and
 * language-neutral: English questions were carried over to French terms by the query analysis):
 * - numbers: the question's numbers found / missing in the passage (exact, canonical form);
 * - document coverage: IDF-weighted share of the question's groups matched anywhere in the
 *   passage's document (documentCoverage).
 */
import { BoundedCache } from '../../core/bounded-cache.js';
import type { IndexedPassage } from '../bm25/postings.js';
import type { Question } from './question.js';

export interface MatchFeatures {
  numbersFound: number;
  numbersMissing: number;
}

/** A passage's folded words (aliases included): what the number check asks of it. */
const wordsCache = new BoundedCache<IndexedPassage, ReadonlySet<string>>({ capacity: 4096, policy: 'fifo' });

function passageWords(passage: IndexedPassage): ReadonlySet<string> {
  return wordsCache.get(passage, () => {
    const words = new Set(passage.words);
    for (const alias of passage.aliases.values()) words.add(alias);
    return words;
  });
}

/** The question's numbers found and missing in the passage. */
export function matchFeatures(q: Question, passage: IndexedPassage): MatchFeatures {
  const words = passageWords(passage);
  let found = 0;
  let missing = 0;
  for (const g of q.groups) {
    for (const num of g.numbers) {
      if (words.has(num)) found++;
      else missing++;
    }
  }
  return { numbersFound: found, numbersMissing: missing };
}

/**
 * Per document, the IDF-weighted share of the question's groups matched anywhere in it: a passage
 * whose document covers the rest of the question is more likely the answer than an equally good
 * passage from an unrelated document (passage retrieval with document evidence).
 */
export function documentCoverage(q: Question, sources: Iterable<string>, termsOf: (source: string) => ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const source of sources) {
    if (out.has(source)) continue;
    const terms = termsOf(source);
    let covered = 0;
    q.alts.forEach((list, g) => {
      let best = 0;
      for (const a of list) if (a.strength > best && a.stems.every((s) => terms.has(s))) best = a.strength;
      covered += (q.idf[g] ?? 0) * best;
    });
    out.set(source, q.totalIdf > 0 ? covered / q.totalIdf : 0);
  }
  return out;
}
