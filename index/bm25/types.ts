/** Options and query shape of the BM25 index (index/bm25). */

export interface Bm25Options {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation (0 = none, 1 = full). */
  b: number;
  /**
   * How the alternatives of one query group (a word's translations, its surface form, cognates)
   * combine: 'max' counts the best-matching alternative only, so a passage holding three
   * translations of one English word is not scored as if it matched three words.
   */
  groupCombine: 'max' | 'sum';
  /**
   * A multi-word alternative ("conseil de sécurité") counts as a phrase: its words in order, at
   * most `phraseSlack` other index terms apart. Where the phrase is absent, its words alone earn
   * this share of their mean score (0 = phrase or nothing).
   */
  phraseFallback: number;
  phraseSlack: number;
}

export const DEFAULT_BM25: Bm25Options = {
  k1: 1.2,
  b: 0.75,
  groupCombine: 'max',
  phraseFallback: 0.5,
  phraseSlack: 1,
};

/** One way of matching a query group: a stem, or several stems scored as a phrase. */
export interface Bm25Alternative {
  stems: readonly string[];
  weight: number;
}

/** A query word or phrase with its alternatives. */
export interface Bm25Group {
  alternatives: readonly Bm25Alternative[];
}

export interface Bm25Query {
  groups: readonly Bm25Group[];
}

export interface Bm25Hit {
  id: string;
  score: number;
}
