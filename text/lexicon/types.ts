/** English → French bilingual lexicon used to carry English questions over to French passages. */
export interface Lexicon {
  /**
   * French translations (lowercase, accents kept, may be multi-word) of an English lowercase word
   * or multi-word phrase, best first; undefined when unknown.
   */
  lookup(en: string): readonly string[] | undefined;
  /**
   * English base form(s) of an inflected English word ("met" → ["meet"], "agencies" → ["agency"]),
   * most likely first. Never includes the word itself: empty for a base form ("meet", "since") or
   * an unknown word. Only base forms the lexicon can translate are returned. Callers look up the
   * word and then its lemmas (`translateWord` in lexicon.ts does exactly that).
   */
  lemmas(en: string): readonly string[];
  /**
   * Longest English entry, in words (hyphens split words): phrase matching tries spans up to this
   * length. Hyphenated keys are also found with spaces ("counter terrorism").
   */
  readonly maxPhraseWords: number;
  /** Number of English lookup keys (a hyphenated key and its spaced variant count as two). */
  readonly size: number;
  /** Changes whenever the data changes: part of the lexical embedder's fingerprint. */
  readonly version: string;
}
